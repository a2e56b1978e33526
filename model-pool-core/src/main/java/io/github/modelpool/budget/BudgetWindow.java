package io.github.modelpool.budget;

/**
 * Usage of one dimension of an account (requests or tokens) over a sliding window counted
 * in {@link Budgets#SLOTS} slots. A slot that overlaps the window counts whole, so the
 * window never sees less than the provider does: when every use is admitted only while
 * the window's usage plus the use stays within the limit, no window of the provider's
 * length holds more than the limit. Not thread-safe: {@link AccountBudget} guards it.
 */
final class BudgetWindow {

	private final long slotNanos;

	private final long[] slotIds = new long[Budgets.SLOTS];

	private final long[] used = new long[Budgets.SLOTS];

	BudgetWindow(long windowNanos) {
		this.slotNanos = Math.max(1, windowNanos / Budgets.SLOTS);
	}

	/**
	 * Usage the window holds now.
	 * @param now ticker reading
	 * @return the sum of the slots within the window
	 */
	long used(long now) {
		long current = slotOf(now);
		long sum = 0;
		for (int i = 0; i < Budgets.SLOTS; i++) {
			if (this.slotIds[i] > current - Budgets.SLOTS && this.slotIds[i] <= current) {
				sum += this.used[i];
			}
		}
		return Math.max(0, sum);
	}

	/**
	 * How long until {@code amount} more fits under {@code limit}.
	 * @return 0 when it fits now, else nanoseconds until enough usage leaves the window
	 */
	long waitFor(long amount, long limit, long now) {
		long need = Math.min(amount, limit);
		long used = used(now);
		if (used + need <= limit) {
			return 0;
		}
		long current = slotOf(now);
		long left = used;
		for (long slot = current - Budgets.SLOTS + 1; slot <= current; slot++) {
			left -= usedIn(slot);
			if (left + need <= limit) {
				// The slot leaves the window when the slot SLOTS after it begins.
				return Math.max(1, (slot + Budgets.SLOTS) * this.slotNanos - now);
			}
		}
		return Math.max(1, (current + Budgets.SLOTS) * this.slotNanos - now);
	}

	/**
	 * Count usage at a time within the window (a correction may be negative).
	 * @param amount the usage
	 * @param at ticker reading it is counted at, not later than now
	 * @param now ticker reading
	 */
	void add(long amount, long at, long now) {
		long current = slotOf(now);
		long slot = Math.max(current - Budgets.SLOTS + 1, Math.min(current, slotOf(at)));
		int index = (int) Math.floorMod(slot, (long) Budgets.SLOTS);
		if (this.slotIds[index] != slot) {
			this.slotIds[index] = slot;
			this.used[index] = 0;
		}
		this.used[index] += amount;
	}

	long windowNanos() {
		return this.slotNanos * Budgets.SLOTS;
	}

	private long usedIn(long slot) {
		int index = (int) Math.floorMod(slot, (long) Budgets.SLOTS);
		return (this.slotIds[index] == slot) ? this.used[index] : 0;
	}

	private long slotOf(long nanos) {
		return Math.floorDiv(nanos, this.slotNanos);
	}

}
