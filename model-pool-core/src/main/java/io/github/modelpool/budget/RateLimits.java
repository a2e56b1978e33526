package io.github.modelpool.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits a provider account declares: requests and tokens per window (a minute for every
 * major provider).
 *
 * @param requests most requests per window, or {@code null} when not declared
 * @param tokens most tokens (prompt and answer) per window, or {@code null} when not
 * declared
 * @param window the length of the provider's window
 */
public record RateLimits(Long requests, Long tokens, Duration window) {

	/** One minute, the window of OpenAI's, Anthropic's and Google's limits. */
	public static final Duration MINUTE = Duration.ofMinutes(1);

	/** Nothing declared: limits are learned from the provider's answers. */
	public static final RateLimits NONE = new RateLimits(null, null, MINUTE);

	public RateLimits {
		Objects.requireNonNull(window, "window must not be null");
		if (window.isNegative() || window.toMillis() < Budgets.SLOTS) {
			throw new IllegalArgumentException("window must be at least " + Budgets.SLOTS + " ms, got " + window);
		}
		if (requests != null && requests <= 0) {
			throw new IllegalArgumentException("requests must be greater than 0, got " + requests);
		}
		if (tokens != null && tokens <= 0) {
			throw new IllegalArgumentException("tokens must be greater than 0, got " + tokens);
		}
	}

	/**
	 * Limits per minute.
	 * @param requestsPerMinute most requests a minute, or {@code null}
	 * @param tokensPerMinute most tokens a minute, or {@code null}
	 * @return the limits
	 */
	public static RateLimits perMinute(Long requestsPerMinute, Long tokensPerMinute) {
		return new RateLimits(requestsPerMinute, tokensPerMinute, MINUTE);
	}

	/**
	 * Whether anything is declared.
	 * @return {@code true} when requests or tokens are limited
	 */
	public boolean isDeclared() {
		return this.requests != null || this.tokens != null;
	}

}
