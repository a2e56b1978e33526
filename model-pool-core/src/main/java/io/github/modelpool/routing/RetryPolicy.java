package io.github.modelpool.routing;

import java.time.Duration;

/**
 * How a pool retries a member that failed transiently before the call moves on.
 *
 * @param maxAttempts most tries of one member within one call, {@code 1} for no retry
 * @param initialBackoff wait before the first retry
 * @param multiplier factor applied to the wait before each further retry
 * @param maxBackoff longest wait between two tries of one member
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

	/** Two tries per member, 200 ms apart, at most 2 s between later tries. */
	public static final RetryPolicy DEFAULTS = new RetryPolicy(2, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2));

	/** Largest share of a backoff added as random jitter. */
	private static final double JITTER = 0.2;

	public RetryPolicy {
		PolicyArguments.atLeast("maxAttempts", maxAttempts, 1);
		PolicyArguments.notNegative("initialBackoff", initialBackoff, false);
		PolicyArguments.notNegative("maxBackoff", maxBackoff, false);
		if (!(multiplier >= 1.0)) {
			throw new PolicyArgumentException("multiplier", multiplier, "must be at least 1");
		}
	}

	/**
	 * Wait before the next try of a member: exponential, capped, plus up to 20% random
	 * jitter on top, so two tries of one member are never closer than the backoff.
	 * @param failedTries tries of the member that failed so far in this call, at least 1
	 * @param random a number in {@code [0, 1)}
	 * @return the wait
	 */
	public Duration backoff(int failedTries, double random) {
		double base = this.initialBackoff.toNanos() * Math.pow(this.multiplier, Math.max(0, failedTries - 1));
		long capped = (long) Math.min(base, this.maxBackoff.toNanos());
		return Duration.ofNanos(capped + (long) (capped * JITTER * random));
	}

	/**
	 * Whether a member that failed this many times in one call may be tried again.
	 * @param tries tries of the member so far in this call
	 * @return {@code true} while below {@link #maxAttempts()}
	 */
	public boolean allowsRetryAfter(int tries) {
		return tries < this.maxAttempts;
	}

}
