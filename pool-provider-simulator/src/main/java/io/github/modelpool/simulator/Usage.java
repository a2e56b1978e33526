package io.github.modelpool.simulator;

/**
 * Token counts reported with an answer.
 *
 * @param input prompt tokens
 * @param output completion tokens
 */
record Usage(int input, int output) {
}
