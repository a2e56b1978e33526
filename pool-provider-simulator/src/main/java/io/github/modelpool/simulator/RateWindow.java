package io.github.modelpool.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's request and token limits over fixed windows of the simulator's clock, each
 * starting with the first request after the last one ended, the way providers enforce
 * them: a request that does not fit what is left of the window is refused whole, and
 * counts nothing.
 */
final class RateWindow {

	private final long requests;

	private final long tokens;

	private final Duration window;

	private Instant windowStart;

	private long usedRequests;

	private long usedTokens;

	/**
	 * @param requests requests per window, 0 for no limit
	 * @param tokens tokens per window, 0 for no limit
	 * @param window the window's length
	 */
	RateWindow(long requests, long tokens, Duration window) {
		if (requests < 0 || tokens < 0 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("limits must not be negative and the window must be positive");
		}
		this.requests = requests;
		this.tokens = tokens;
		this.window = window;
	}

	/**
	 * Count a request of these tokens, when it fits.
	 * @param requestTokens the request's tokens by the simulator's rule
	 * @param now the simulator's time
	 * @return whether it was admitted, and what is left
	 */
	synchronized Decision admit(long requestTokens, Instant now) {
		if (this.windowStart == null || !now.isBefore(this.windowStart.plus(this.window))) {
			this.windowStart = now;
			this.usedRequests = 0;
			this.usedTokens = 0;
		}
		Duration reset = Duration.between(now, this.windowStart.plus(this.window));
		boolean fits = (this.requests == 0 || this.usedRequests + 1 <= this.requests)
				&& (this.tokens == 0 || this.usedTokens + requestTokens <= this.tokens);
		if (fits) {
			this.usedRequests++;
			this.usedTokens += requestTokens;
		}
		return new Decision(fits, this.requests, Math.max(0, this.requests - this.usedRequests), this.tokens,
				Math.max(0, this.tokens - this.usedTokens), reset, now);
	}

	/**
	 * What the account's window said of a request.
	 *
	 * @param admitted whether the request fits
	 * @param requestsLimit requests per window, 0 when unlimited
	 * @param requestsRemaining requests left after this one
	 * @param tokensLimit tokens per window, 0 when unlimited
	 * @param tokensRemaining tokens left after this one
	 * @param reset time until the window starts again
	 * @param now the simulator's time of the decision
	 */
	record Decision(boolean admitted, long requestsLimit, long requestsRemaining, long tokensLimit,
			long tokensRemaining, Duration reset, Instant now) {

		/**
		 * The Retry-After of a refusal, in whole seconds rounded up.
		 * @return the seconds, at least 1
		 */
		String retryAfterSeconds() {
			return Long.toString(Math.max(1, (this.reset.toMillis() + 999) / 1000));
		}

	}

}
