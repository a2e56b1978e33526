package io.github.modelpool.failure;

/**
 * Which time limit a member try ran into.
 */
public enum TimeoutKind {

	/** No stream element within the pool's {@code timeouts.first-token}. */
	FIRST_TOKEN,

	/** No next stream element within the pool's {@code timeouts.idle}. */
	IDLE,

	/** The whole call or stream ran out of the pool's {@code timeouts.call}. */
	CALL,

	/** The member's own HTTP client gave up waiting (its read or request timeout). */
	CLIENT

}
