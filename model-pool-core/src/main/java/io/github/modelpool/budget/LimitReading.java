package io.github.modelpool.budget;

/**
 * A provider's rate-limit headers on one answer, as numbers: limits and what remains of
 * requests and tokens, and how long until each resets. A value the answer did not carry,
 * or carried malformed, is {@code -1}.
 *
 * @param requestsLimit the account's requests per window
 * @param requestsRemaining requests left in the window
 * @param requestsReset nanoseconds until the requests are replenished
 * @param tokensLimit the account's tokens per window
 * @param tokensRemaining tokens left in the window
 * @param tokensReset nanoseconds until the tokens are replenished
 */
public record LimitReading(long requestsLimit, long requestsRemaining, long requestsReset, long tokensLimit,
		long tokensRemaining, long tokensReset) {

	/** A reset further away than a day is not believed. */
	static final long LONGEST_RESET_NANOS = 86_400_000_000_000L;

	/** An answer without rate-limit headers. */
	public static final LimitReading NONE = new LimitReading(-1, -1, -1, -1, -1, -1);

	/**
	 * Whether the answer said nothing usable.
	 * @return {@code true} when every value is missing
	 */
	public boolean isEmpty() {
		return this.requestsLimit < 0 && this.requestsRemaining < 0 && this.tokensLimit < 0
				&& this.tokensRemaining < 0;
	}

}
