package io.github.modelpool.pool;

/**
 * Why a session, or one call, moved to another member. The first four move the session;
 * the next four move only the call, and the session stays where it is;
 * {@link #RATE_BUDGET} moves either.
 */
public enum SwitchReason {

	/** Its member was rate limited or overloaded. */
	QUOTA,

	/** Its member failed permanently or is quarantined. */
	PERMANENT,

	/** Its member's circuit breaker did not admit the call, or opened. */
	CIRCUIT_OPEN,

	/** It went back to its healthy home after being idle. */
	RETURN_HOME,

	/** The call failed transiently on its member, retries there included. */
	TRANSIENT,

	/** The call's member did not answer in time. */
	TIMEOUT,

	/** The prompt did not fit its member's context window. */
	CONTEXT_LENGTH,

	/** A streamed answer broke after its first element and another member continues it. */
	CONTINUATION,

	/**
	 * Its member's rate budget could not take the call: the session moves when its home
	 * stays short past the quota Retry-After threshold, else only the call.
	 */
	RATE_BUDGET

}
