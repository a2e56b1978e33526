package io.github.modelpool.routing;

/**
 * How a new session chooses its home member.
 */
public enum HomeStrategy {

	/**
	 * Weighted rendezvous hashing of the routing key: the same key always homes to the
	 * same member, keys spread in proportion to weight.
	 */
	DETERMINISTIC,

	/**
	 * New sessions take homes in weighted rotation.
	 */
	ROUND_ROBIN,

	/**
	 * The first healthy member in declaration order.
	 */
	FIRST_HEALTHY,

	/**
	 * Of the routing key's two best members by weighted rendezvous hashing, the less
	 * loaded one (the power of two choices): load spreads while a key keeps choosing
	 * between the same two members. Failover targets are chosen the same way. The load is
	 * the pool's to measure: by default the member's latency average times its calls in
	 * flight plus one (the peak-EWMA rule).
	 */
	LEAST_LOADED

}
