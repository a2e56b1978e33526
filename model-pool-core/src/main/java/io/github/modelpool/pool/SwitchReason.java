package io.github.modelpool.pool;

/**
 * Why a session moved to another member.
 */
public enum SwitchReason {

	/** Its member was rate limited or overloaded. */
	QUOTA,

	/** Its member failed permanently or is quarantined. */
	PERMANENT,

	/** Its member's circuit breaker did not admit the call. */
	CIRCUIT_OPEN,

	/** It went back to its healthy home after being idle. */
	RETURN_HOME

}
