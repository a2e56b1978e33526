package io.github.modelpool.budget;

/**
 * What this instance used of an account since its last report to the other instances.
 *
 * @param requests requests (a negative value corrects an earlier report)
 * @param tokens tokens (likewise)
 */
public record UsageReport(long requests, long tokens) {

	/**
	 * Whether there is nothing to report.
	 * @return {@code true} when both are zero
	 */
	public boolean isEmpty() {
		return this.requests == 0 && this.tokens == 0;
	}

}
