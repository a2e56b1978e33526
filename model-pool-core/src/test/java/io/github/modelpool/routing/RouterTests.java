package io.github.modelpool.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RouterTests {

	private static final IntPredicate ALL_HEALTHY = (i) -> true;

	private static final int KEYS = 10_000;

	/**
	 * Homes of thread-0 .. thread-11 over gpt, claude, gemini, computed independently from
	 * the documented algorithm (FNV-1a 64 of key, 0xff separator, member id; MurmurHash3
	 * fmix64; score weight / -ln(u)). A change here would re-home every conversation.
	 */
	private static final List<String> GOLDEN_HOMES = List.of("gemini", "gpt", "gemini", "gpt", "claude", "gpt",
			"claude", "gpt", "gpt", "gpt", "claude", "gemini");

	@Test
	void deterministicHomeIsTheSameForTheSameKeyEveryTime() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("c"));
		Router another = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("c"));
		for (int i = 0; i < 1000; i++) {
			String key = "thread-" + i;
			assertThat(router.home(key, i, ALL_HEALTHY)).isEqualTo(another.home(key, 999 - i, ALL_HEALTHY));
		}
	}

	@Test
	void deterministicHomeIsStableAcrossJvmsBecauseItDependsOnlyOnKeyAndMemberIds() {
		// Golden values: a change here would re-home every existing conversation.
		Router router = router(HomeStrategy.DETERMINISTIC, member("gpt"), member("claude"), member("gemini"));
		List<String> homes = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			homes.add(router.members().get(router.home("thread-" + i, i, ALL_HEALTHY)).id());
		}
		assertThat(homes).isEqualTo(GOLDEN_HOMES);
	}

	@Test
	void deterministicHomesSpreadInProportionToWeight() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a", 1), member("b", 2), member("c", 1));
		int[] counts = new int[3];
		for (int i = 0; i < KEYS; i++) {
			counts[router.home("key-" + i, i, ALL_HEALTHY)]++;
		}
		assertThat(counts[0] / (double) KEYS).isCloseTo(0.25, within(0.02));
		assertThat(counts[1] / (double) KEYS).isCloseTo(0.50, within(0.02));
		assertThat(counts[2] / (double) KEYS).isCloseTo(0.25, within(0.02));
	}

	@Test
	void equalWeightsSpreadEvenly() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("c"), member("d"));
		int[] counts = new int[4];
		for (int i = 0; i < KEYS; i++) {
			counts[router.home("conversation-" + i, i, ALL_HEALTHY)]++;
		}
		for (int count : counts) {
			assertThat(count / (double) KEYS).isCloseTo(0.25, within(0.02));
		}
	}

	@Test
	void removingAMemberMovesOnlyThatMembersKeys() {
		Router before = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("c"), member("d"));
		Router after = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("d"));
		int moved = 0;
		for (int i = 0; i < KEYS; i++) {
			String key = "key-" + i;
			String homeBefore = before.members().get(before.home(key, 0, ALL_HEALTHY)).id();
			String homeAfter = after.members().get(after.home(key, 0, ALL_HEALTHY)).id();
			if (!homeBefore.equals("c")) {
				assertThat(homeAfter).as("home of %s", key).isEqualTo(homeBefore);
			}
			else {
				moved++;
			}
		}
		assertThat(moved / (double) KEYS).isCloseTo(0.25, within(0.02));
	}

	@Test
	void failoverOnlyMemberIsNeverAHome() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), failoverOnly("backup", 100), member("b"));
		for (HomeStrategy strategy : HomeStrategy.values()) {
			Router withStrategy = new Router(router.members(), strategy);
			for (int i = 0; i < 2000; i++) {
				assertThat(withStrategy.home("key-" + i, i, ALL_HEALTHY)).isNotEqualTo(1);
				assertThat(withStrategy.home("key-" + i, i, (m) -> m == 1)).as("nothing eligible is healthy")
					.isNotEqualTo(1);
			}
		}
	}

	@Test
	void homeAvoidsAnUnhealthyMemberWhenAHealthyOneExists() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("c"));
		for (int i = 0; i < 2000; i++) {
			assertThat(router.home("key-" + i, i, (m) -> m != 1)).isNotEqualTo(1);
		}
	}

	@Test
	void homeWithNoHealthyMemberIsStillTheBestEligibleOne() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), failoverOnly("c", 1));
		for (int i = 0; i < 500; i++) {
			String key = "key-" + i;
			assertThat(router.home(key, i, (m) -> false)).isEqualTo(router.home(key, i, ALL_HEALTHY));
		}
	}

	@Test
	void roundRobinHomesNewSessionsInInterleavedWeightedSequence() {
		Router router = router(HomeStrategy.ROUND_ROBIN, member("a", 2), member("b", 1), failoverOnly("c", 5));
		List<Integer> homes = new ArrayList<>();
		for (int ticket = 0; ticket < 6; ticket++) {
			homes.add(router.home("ignored", ticket, ALL_HEALTHY));
		}
		assertThat(homes).containsExactly(0, 1, 0, 0, 1, 0);
	}

	@Test
	void roundRobinSkipsUnhealthyMembers() {
		Router router = router(HomeStrategy.ROUND_ROBIN, member("a"), member("b"), member("c"));
		List<Integer> homes = new ArrayList<>();
		for (int ticket = 0; ticket < 6; ticket++) {
			homes.add(router.home("ignored", ticket, (m) -> m != 1));
		}
		assertThat(homes).containsExactly(0, 2, 2, 0, 2, 2);
	}

	@Test
	void firstHealthyTakesTheFirstHealthyEligibleMemberInDeclarationOrder() {
		Router router = router(HomeStrategy.FIRST_HEALTHY, failoverOnly("x", 1), member("a"), member("b"));
		assertThat(router.home("k", 0, ALL_HEALTHY)).isEqualTo(1);
		assertThat(router.home("k", 0, (m) -> m != 1)).isEqualTo(2);
		assertThat(router.home("k", 0, (m) -> false)).isEqualTo(1);
	}

	@Test
	void failoverPicksAHealthyOtherMemberDeterministicallyForAKey() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), member("c"), member("d"));
		Map<Integer, Integer> targets = new HashMap<>();
		for (int i = 0; i < 1000; i++) {
			String key = "key-" + i;
			int home = router.home(key, 0, ALL_HEALTHY);
			int target = router.failover(key, (m) -> m != home).orElseThrow();
			assertThat(target).isNotEqualTo(home);
			assertThat(router.failover(key, (m) -> m != home)).hasValue(target);
			targets.merge(target, 1, Integer::sum);
		}
		assertThat(targets).as("failover targets spread too").hasSize(4);
	}

	@Test
	void failoverPrefersRegularMembersOverFailoverOnlyOnes() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"), failoverOnly("backup", 1000));
		for (int i = 0; i < 500; i++) {
			assertThat(router.failover("key-" + i, (m) -> m != 0)).hasValue(1);
			assertThat(router.failover("key-" + i, (m) -> m == 2)).hasValue(2);
		}
	}

	@Test
	void failoverFindsNoneWithoutAHealthyAlternative() {
		Router router = router(HomeStrategy.DETERMINISTIC, member("a"), member("b"));
		assertThat(router.failover("key", (m) -> false)).isEmpty();
	}

	@Test
	void routerRejectsPoolsWithoutAHomeEligibleMember() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> router(HomeStrategy.DETERMINISTIC, failoverOnly("a", 1), failoverOnly("b", 1)))
			.withMessageContaining("role 'member'");
	}

	@Test
	void routerRejectsDuplicateMemberIds() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> router(HomeStrategy.DETERMINISTIC, member("a"), member("a")))
			.withMessageContaining("'a'");
	}

	private static Router router(HomeStrategy strategy, RouteMember... members) {
		return new Router(List.of(members), strategy);
	}

	private static RouteMember member(String id) {
		return member(id, 1);
	}

	private static RouteMember member(String id, int weight) {
		return new RouteMember(id, weight, MemberRole.MEMBER);
	}

	private static RouteMember failoverOnly(String id, int weight) {
		return new RouteMember(id, weight, MemberRole.FAILOVER_ONLY);
	}

}
