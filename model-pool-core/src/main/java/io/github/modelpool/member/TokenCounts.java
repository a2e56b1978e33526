package io.github.modelpool.member;

/**
 * Tokens as a provider counted them: of one answer, or added up over a member's answers.
 *
 * @param input prompt tokens, those read from the provider's prompt cache included
 * @param cached prompt tokens the provider read from its prompt cache
 * @param output completion tokens
 */
public record TokenCounts(long input, long cached, long output) {

	/** No tokens: an answer whose provider reported none. */
	public static final TokenCounts NONE = new TokenCounts(0, 0, 0);

	public TokenCounts {
		if (input < 0 || cached < 0 || output < 0) {
			throw new IllegalArgumentException("token counts must not be negative");
		}
	}

	/**
	 * Whether no token was counted.
	 * @return {@code true} when every count is zero
	 */
	public boolean isEmpty() {
		return this.input == 0 && this.cached == 0 && this.output == 0;
	}

	/**
	 * Share of the prompt tokens the provider read from its cache.
	 * @return cached over input, between 0 and 1; {@code null} when no prompt token was
	 * counted
	 */
	public Double cacheHitRatio() {
		return (this.input > 0) ? Math.min(1.0, (double) this.cached / this.input) : null;
	}

	/**
	 * Prompt tokens billed at the full rate.
	 * @return input minus cached
	 */
	public long uncached() {
		return Math.max(0, this.input - this.cached);
	}

	/**
	 * These counts and others added.
	 * @param other the others
	 * @return the sum
	 */
	public TokenCounts plus(TokenCounts other) {
		return new TokenCounts(this.input + other.input, this.cached + other.cached, this.output + other.output);
	}

}
