package io.github.modelpool.state;

/**
 * What the other application instances used of a provider account within its window,
 * as a shared store counts it.
 *
 * @param othersRequests requests the other instances made
 * @param othersTokens tokens they counted
 * @param instances instances alive, this one included (at least 1)
 */
public record AccountUsage(long othersRequests, long othersTokens, int instances) {

}
