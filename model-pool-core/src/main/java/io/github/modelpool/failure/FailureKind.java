package io.github.modelpool.failure;

/**
 * What a member's failure means for the pool.
 */
public enum FailureKind {

	/**
	 * Rate limited or overloaded (HTTP 429, 529, "overloaded"): another member may serve
	 * the call now.
	 */
	QUOTA,

	/**
	 * The member cannot serve any call until someone fixes it (HTTP 401, 403, 404 model
	 * not found).
	 */
	PERMANENT,

	/**
	 * The member failed this time (HTTP 5xx, timeouts, connection errors): it counts
	 * toward the member's circuit breaker but does not move the call.
	 */
	TRANSIENT,

	/**
	 * The request itself is at fault (HTTP 400, 413, 422, context length, content
	 * filter): every member would fail it.
	 */
	REQUEST,

	/**
	 * The caller gave up (cancelled or interrupted): nobody's fault.
	 */
	CANCELLED;

	/**
	 * Whether failures of this kind count against the member's circuit breaker.
	 * @return {@code true} for quota, permanent and transient failures
	 */
	public boolean countsAgainstMember() {
		return this == QUOTA || this == PERMANENT || this == TRANSIENT;
	}

}
