package io.github.modelpool.simulator;

/**
 * Token counts reported with an answer.
 *
 * @param input prompt tokens, cached ones included
 * @param output completion tokens
 * @param cached prompt tokens read from the account's prompt cache
 */
record Usage(int input, int output, int cached) {

	/**
	 * Prompt tokens not read from the cache.
	 * @return input minus cached
	 */
	int uncached() {
		return this.input - this.cached;
	}

}
