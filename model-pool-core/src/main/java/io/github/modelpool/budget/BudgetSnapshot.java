package io.github.modelpool.budget;

import java.time.Duration;

/**
 * An account's budget as operators see it.
 *
 * @param account the account's name, such as its chat model's bean name
 * @param requestsLimit requests per window, declared or learned, or {@code null} when
 * unknown
 * @param requestsRemaining requests left to this instance in the window now (less what
 * other instances used, as the shared store last said), or {@code null} when the limit is
 * unknown
 * @param tokensLimit tokens per window, declared or learned, or {@code null} when unknown
 * @param tokensRemaining tokens left in the window now, or {@code null} when the limit is
 * unknown
 * @param declared whether the limits were declared rather than learned
 * @param heldFor how long the provider asked the account to be left alone still, zero
 * when not held
 * @param window the length of the provider's window
 * @param share how many instances the limits are divided among while the shared store
 * is away, 1 otherwise
 */
public record BudgetSnapshot(String account, Long requestsLimit, Long requestsRemaining, Long tokensLimit,
		Long tokensRemaining, boolean declared, Duration heldFor, Duration window, int share) {

}
