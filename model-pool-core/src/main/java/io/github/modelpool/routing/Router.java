package io.github.modelpool.routing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * Chooses homes and failover targets from the member list, a routing key and a health
 * mask alone: no clock, no breakers, no shared state. Members are addressed by their
 * index in declaration order.
 */
public final class Router {

	private static final int NONE = -1;

	/** Every member equally loaded. */
	private static final IntToDoubleFunction NO_LOAD = (i) -> 0;

	private final List<RouteMember> members;

	private final byte[][] memberIds;

	private final HomeStrategy strategy;

	private final int[] rotation;

	/**
	 * Create a router.
	 * @param members members in declaration order, ids unique, at least one home-eligible
	 * @param strategy how new sessions choose their home
	 */
	public Router(List<RouteMember> members, HomeStrategy strategy) {
		Objects.requireNonNull(strategy, "strategy must not be null");
		this.members = List.copyOf(members);
		Set<String> ids = new HashSet<>();
		for (RouteMember member : this.members) {
			if (!ids.add(member.id())) {
				throw new IllegalArgumentException("member id '" + member.id() + "' is not unique");
			}
		}
		if (this.members.stream().noneMatch((member) -> member.role().isHomeEligible())) {
			throw new IllegalArgumentException("at least one member must have the role 'member'");
		}
		this.memberIds = this.members.stream()
			.map((member) -> member.id().getBytes(StandardCharsets.UTF_8))
			.toArray(byte[][]::new);
		this.strategy = strategy;
		this.rotation = smoothRotation(this.members);
	}

	public List<RouteMember> members() {
		return this.members;
	}

	public HomeStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Home of a new session. Never a failover-only member; a healthy member when one is
	 * home-eligible, else the best home-eligible member anyway.
	 * @param key routing key of the session
	 * @param ticket sequence number of the session, advancing the round-robin rotation
	 * @param healthy which member indexes are healthy now
	 * @return index of the home member
	 */
	public int home(String key, long ticket, IntPredicate healthy) {
		return home(key, ticket, healthy, NO_LOAD);
	}

	/**
	 * Home of a new session, weighing the members' load where the strategy asks for it.
	 * Never a failover-only member; a healthy member when one is home-eligible, else the
	 * best home-eligible member anyway.
	 * @param key routing key of the session
	 * @param ticket sequence number of the session, advancing the round-robin rotation
	 * @param healthy which member indexes are healthy now
	 * @param load each member's load, lower is better (read by
	 * {@link HomeStrategy#LEAST_LOADED} only)
	 * @return index of the home member
	 */
	public int home(String key, long ticket, IntPredicate healthy, IntToDoubleFunction load) {
		return switch (this.strategy) {
			case DETERMINISTIC -> deterministicHome(key, healthy);
			case ROUND_ROBIN -> rotationHome(ticket, healthy);
			case FIRST_HEALTHY -> firstHealthyHome(healthy);
			case LEAST_LOADED -> {
				IntPredicate eligible = (i) -> this.members.get(i).role().isHomeEligible();
				int best = lessLoadedOfTwoBest(key, (i) -> eligible.test(i) && healthy.test(i), load);
				yield (best != NONE) ? best : deterministicHome(key, healthy);
			}
		};
	}

	/**
	 * Failover target for a session: the best candidate, preferring home-eligible members
	 * over failover-only ones, ranked by rendezvous score for the key so the choice is
	 * stable for a key.
	 * @param key routing key of the session
	 * @param candidate which member indexes may be chosen (healthy and not yet tried)
	 * @return index of the target, empty when no member qualifies
	 */
	public OptionalInt failover(String key, IntPredicate candidate) {
		return failover(key, candidate, NO_LOAD);
	}

	/**
	 * Failover target for a session, weighing the members' load where the strategy asks
	 * for it: with {@link HomeStrategy#LEAST_LOADED}, the less loaded of the two best
	 * candidates (home-eligible members before failover-only ones).
	 * @param key routing key of the session
	 * @param candidate which member indexes may be chosen (healthy and not yet tried)
	 * @param load each member's load, lower is better
	 * @return index of the target, empty when no member qualifies
	 */
	public OptionalInt failover(String key, IntPredicate candidate, IntToDoubleFunction load) {
		if (this.strategy == HomeStrategy.LEAST_LOADED) {
			int best = lessLoadedOfTwoBest(key,
					(i) -> candidate.test(i) && this.members.get(i).role().isHomeEligible(), load);
			if (best == NONE) {
				best = lessLoadedOfTwoBest(key, candidate, load);
			}
			return (best != NONE) ? OptionalInt.of(best) : OptionalInt.empty();
		}
		return bestFailover(key, candidate);
	}

	private OptionalInt bestFailover(String key, IntPredicate candidate) {
		long keyState = RendezvousHash.keyState(key);
		int best = NONE;
		double bestScore = 0;
		boolean bestEligible = false;
		for (int i = 0; i < this.members.size(); i++) {
			if (!candidate.test(i)) {
				continue;
			}
			boolean eligible = this.members.get(i).role().isHomeEligible();
			double score = score(keyState, i);
			if (best == NONE || (eligible && !bestEligible) || (eligible == bestEligible && score > bestScore)) {
				best = i;
				bestScore = score;
				bestEligible = eligible;
			}
		}
		return (best != NONE) ? OptionalInt.of(best) : OptionalInt.empty();
	}

	/**
	 * The less loaded of the key's two best candidates by rendezvous score; on equal
	 * load, the better scored.
	 * @return the index, {@link #NONE} when no member qualifies
	 */
	private int lessLoadedOfTwoBest(String key, IntPredicate candidate, IntToDoubleFunction load) {
		long keyState = RendezvousHash.keyState(key);
		int first = NONE;
		double firstScore = 0;
		int second = NONE;
		double secondScore = 0;
		for (int i = 0; i < this.members.size(); i++) {
			if (!candidate.test(i)) {
				continue;
			}
			double score = score(keyState, i);
			if (first == NONE || score > firstScore) {
				second = first;
				secondScore = firstScore;
				first = i;
				firstScore = score;
			}
			else if (second == NONE || score > secondScore) {
				second = i;
				secondScore = score;
			}
		}
		if (second == NONE) {
			return first;
		}
		return (load.applyAsDouble(second) < load.applyAsDouble(first)) ? second : first;
	}

	private int deterministicHome(String key, IntPredicate healthy) {
		long keyState = RendezvousHash.keyState(key);
		int bestHealthy = NONE;
		double bestHealthyScore = 0;
		int bestAny = NONE;
		double bestAnyScore = 0;
		for (int i = 0; i < this.members.size(); i++) {
			if (!this.members.get(i).role().isHomeEligible()) {
				continue;
			}
			double score = score(keyState, i);
			if (bestAny == NONE || score > bestAnyScore) {
				bestAny = i;
				bestAnyScore = score;
			}
			if (healthy.test(i) && (bestHealthy == NONE || score > bestHealthyScore)) {
				bestHealthy = i;
				bestHealthyScore = score;
			}
		}
		return (bestHealthy != NONE) ? bestHealthy : bestAny;
	}

	private int rotationHome(long ticket, IntPredicate healthy) {
		int start = (int) Math.floorMod(ticket, (long) this.rotation.length);
		for (int step = 0; step < this.rotation.length; step++) {
			int candidate = this.rotation[(start + step) % this.rotation.length];
			if (healthy.test(candidate)) {
				return candidate;
			}
		}
		return this.rotation[start];
	}

	private int firstHealthyHome(IntPredicate healthy) {
		int first = NONE;
		for (int i = 0; i < this.members.size(); i++) {
			if (this.members.get(i).role().isHomeEligible()) {
				if (healthy.test(i)) {
					return i;
				}
				first = (first != NONE) ? first : i;
			}
		}
		return first;
	}

	private double score(long keyState, int index) {
		return RendezvousHash.score(keyState, this.memberIds[index], this.members.get(index).weight());
	}

	/**
	 * Interleaved weighted rotation of the home-eligible members (the smooth weighted
	 * round-robin sequence): weights 2 and 1 give A, B, A rather than A, A, B.
	 */
	private static int[] smoothRotation(List<RouteMember> members) {
		BigInteger divisor = BigInteger.ZERO;
		for (RouteMember member : members) {
			if (member.role().isHomeEligible()) {
				divisor = divisor.gcd(BigInteger.valueOf(member.weight()));
			}
		}
		int gcd = divisor.intValueExact();
		int[] weights = new int[members.size()];
		int total = 0;
		for (int i = 0; i < members.size(); i++) {
			if (members.get(i).role().isHomeEligible()) {
				weights[i] = members.get(i).weight() / gcd;
				total = Math.addExact(total, weights[i]);
			}
		}
		int[] rotation = new int[total];
		long[] current = new long[members.size()];
		for (int slot = 0; slot < total; slot++) {
			int chosen = NONE;
			for (int i = 0; i < weights.length; i++) {
				if (weights[i] == 0) {
					continue;
				}
				current[i] += weights[i];
				if (chosen == NONE || current[i] > current[chosen]) {
					chosen = i;
				}
			}
			current[chosen] -= total;
			rotation[slot] = chosen;
		}
		return rotation;
	}

}
