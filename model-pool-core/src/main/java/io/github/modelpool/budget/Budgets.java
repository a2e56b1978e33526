package io.github.modelpool.budget;

/**
 * Constants the budget classes share.
 */
final class Budgets {

	/** Slots a window is counted in: usage leaves the window one slot at a time. */
	static final int SLOTS = 20;

	private Budgets() {
	}

}
