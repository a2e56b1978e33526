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
	FIRST_HEALTHY

}
