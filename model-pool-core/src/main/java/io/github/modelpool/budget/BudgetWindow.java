package io.github.modelpool.budget;

/**
 * Usage of one dimension of an account (requests or tokens) over a sliding window counted
 * in {@link Budgets#SLOTS} slots. A use stays counted until a whole window has passed
 * since the end of its slot, so the window never sees less than the provider does, even
 * when the request reaches the provider up to a slot's length later: when every use is
 * admitted only while the window's usage plus the use stays within the limit, no window
 * of the provider's length holds more than the limit. Not thread-safe:
 * {@link AccountBudget} guards it.
 */
final class BudgetWindow {

	private final long slotNanos;

	// One slot more than the window spans: the slot a use is counted in may have begun
	// before the use.
	private static final int KEPT = Budgets.SLOTS + 1;

	private final long[] slotIds = new long[KEPT];

	private final long[] used = new long[KEPT];

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
		for (int i = 0; i < KEPT; i++) {
			if (this.slotIds[i] > current - KEPT && this.slotIds[i] <= current) {
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
		for (long slot = current - KEPT + 1; slot <= current; slot++) {
			left -= usedIn(slot);
			if (left + need <= limit) {
				// A window after the slot ends, it is no longer counted.
				return Math.max(1, (slot + KEPT) * this.slotNanos - now);
			}
		}
		return Math.max(1, (current + KEPT) * this.slotNanos - now);
	}

	/**
	 * Count usage at a time within the window (a correction may be negative).
	 * @param amount the usage
	 * @param at ticker reading it is counted at, not later than now
	 * @param now ticker reading
	 */
	void add(long amount, long at, long now) {
		long current = slotOf(now);
		long slot = Math.max(current - KEPT + 1, Math.min(current, slotOf(at)));
		int index = (int) Math.floorMod(slot, (long) KEPT);
		if (this.slotIds[index] != slot) {
			this.slotIds[index] = slot;
			this.used[index] = 0;
		}
		this.used[index] += amount;
	}

	/**
	 * Count usage taken at an earlier time at now instead, so it stays counted a whole
	 * window from now: a call's request is counted from its reservation until a window
	 * after its answer, since the provider counts it from its arrival, in between.
	 * @param amount the usage
	 * @param from ticker reading it was counted at
	 * @param now ticker reading
	 */
	void recount(long amount, long from, long now) {
		remove(amount, from, now);
		add(amount, now, now);
	}

	/**
	 * Take back usage counted at an earlier time, when it is still counted.
	 * @param amount the usage
	 * @param from ticker reading it was counted at
	 * @param now ticker reading
	 */
	void remove(long amount, long from, long now) {
		long current = slotOf(now);
		long slot = slotOf(from);
		if (slot > current - KEPT && slot <= current) {
			int index = (int) Math.floorMod(slot, (long) KEPT);
			if (this.slotIds[index] == slot) {
				this.used[index] -= amount;
			}
		}
	}

	long slotNanos() {
		return this.slotNanos;
	}

	long windowNanos() {
		return this.slotNanos * Budgets.SLOTS;
	}

	private long usedIn(long slot) {
		int index = (int) Math.floorMod(slot, (long) KEPT);
		return (this.slotIds[index] == slot) ? this.used[index] : 0;
	}

	private long slotOf(long nanos) {
		return Math.floorDiv(nanos, this.slotNanos);
	}

}
