package io.github.modelpool.pool;

import java.time.Duration;
import java.util.Map;

/**
 * No member's rate budget could take the call now, nor within the pool's quota
 * Retry-After threshold: the call ended at once, without reaching any provider for it
 * (or after the providers that were tried answered rate limited). Applications can
 * answer HTTP 429 with {@link #getRetryAfter()} as {@code Retry-After}.
 */
public class ModelPoolRateLimitedException extends ModelPoolException {

	private final Duration retryAfter;

	public ModelPoolRateLimitedException(String poolId, Duration retryAfter, Map<String, String> memberFailures,
			Iterable<Throwable> causes) {
		super(poolId, "is rate limited: no member has budget for the call; the soonest frees in "
				+ retryAfter.toMillis() + " ms", memberFailures, causes);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long until a member's budget can take a call, as far as this instance knows.
	 * @return the wait, at least one millisecond
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * The wait in whole seconds, rounded up, as an HTTP {@code Retry-After} value.
	 * @return the seconds, at least 1
	 */
	public long getRetryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
