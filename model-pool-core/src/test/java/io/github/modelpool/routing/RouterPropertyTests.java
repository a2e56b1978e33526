package io.github.modelpool.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.assertj.core.data.Offset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the pure router that hold for any members, weights and keys.
 */
class RouterPropertyTests {

	@Property(tries = 200)
	void aKeyAlwaysHomesToTheSameMember(@ForAll("members") List<RouteMember> members,
			@ForAll @StringLength(min = 1, max = 64) String key) {
		Router router = new Router(members, HomeStrategy.DETERMINISTIC);
		int home = router.home(key, 0, (member) -> true);
		assertThat(new Router(members, HomeStrategy.DETERMINISTIC).home(key, 99, (member) -> true)).isEqualTo(home);
		assertThat(members.get(home).role()).isEqualTo(MemberRole.MEMBER);
	}

	@Property(tries = 20)
	void keysSpreadInProportionToWeight(
			@ForAll @Size(min = 2, max = 6) List<@IntRange(min = 1, max = 5) Integer> weights) {
		List<RouteMember> members = new ArrayList<>();
		for (int i = 0; i < weights.size(); i++) {
			members.add(new RouteMember("m" + i, weights.get(i), MemberRole.MEMBER));
		}
		Router router = new Router(members, HomeStrategy.DETERMINISTIC);
		int keys = 6000;
		int[] homes = new int[members.size()];
		for (int k = 0; k < keys; k++) {
			homes[router.home("conversation-" + k, k, (member) -> true)]++;
		}
		int total = weights.stream().mapToInt(Integer::intValue).sum();
		for (int i = 0; i < members.size(); i++) {
			double expected = (double) weights.get(i) / total;
			assertThat((double) homes[i] / keys).as("share of %s", members.get(i)).isCloseTo(expected,
					Offset.offset(0.04));
		}
	}

	@Property(tries = 100)
	void removingAMemberMovesOnlyItsSessions(@ForAll("members") List<RouteMember> members,
			@ForAll @IntRange(min = 0, max = 7) int removedIndex) {
		int removed = removedIndex % members.size();
		List<RouteMember> remaining = new ArrayList<>(members);
		remaining.remove(removed);
		if (remaining.stream().noneMatch((member) -> member.role() == MemberRole.MEMBER)) {
			return;
		}
		Router before = new Router(members, HomeStrategy.DETERMINISTIC);
		Router after = new Router(remaining, HomeStrategy.DETERMINISTIC);
		for (int k = 0; k < 300; k++) {
			String key = "thread-" + k;
			String homeBefore = members.get(before.home(key, k, (member) -> true)).id();
			String homeAfter = remaining.get(after.home(key, k, (member) -> true)).id();
			if (!homeBefore.equals(members.get(removed).id())) {
				assertThat(homeAfter).as(key).isEqualTo(homeBefore);
			}
		}
	}

	@Property(tries = 200)
	void failoverNeverRepeatsAMemberWithinACall(@ForAll("members") List<RouteMember> members,
			@ForAll @StringLength(min = 1, max = 32) String key) {
		Router router = new Router(members, HomeStrategy.DETERMINISTIC);
		Set<Integer> reached = new HashSet<>();
		reached.add(router.home(key, 0, (member) -> true));
		while (true) {
			OptionalInt found = router.failover(key, (member) -> !reached.contains(member));
			if (found.isEmpty()) {
				break;
			}
			int next = found.getAsInt();
			assertThat(reached.add(next)).as("member %d tried twice", next).isTrue();
		}
		assertThat(reached).hasSize(members.size());
	}

	@Property(tries = 100)
	void roundRobinNeverHomesOnAFailoverOnlyMember(@ForAll("members") List<RouteMember> members,
			@ForAll @IntRange(min = 0, max = 1000) int ticket) {
		Router router = new Router(members, HomeStrategy.ROUND_ROBIN);
		assertThat(members.get(router.home("k", ticket, (member) -> true)).role()).isEqualTo(MemberRole.MEMBER);
	}

	@Provide
	Arbitrary<List<RouteMember>> members() {
		Arbitrary<Integer> weight = Arbitraries.integers().between(1, 10);
		Arbitrary<MemberRole> role = Arbitraries.of(MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.FAILOVER_ONLY);
		return Arbitraries.integers()
			.between(1, 8)
			.flatMap((size) -> Combinators.combine(weight.list().ofSize(size), role.list().ofSize(size))
				.as((weights, roles) -> {
					List<RouteMember> members = new ArrayList<>();
					for (int i = 0; i < size; i++) {
						// The first member is always home-eligible: a pool needs one.
						members.add(new RouteMember("member-" + i, weights.get(i),
								(i == 0) ? MemberRole.MEMBER : roles.get(i)));
					}
					return members;
				}));
	}

}
