package io.github.modelpool.state;

import java.util.Locale;

/**
 * How a {@link StoreOperation} ended.
 */
public enum StoreOutcome {

	/** The store answered. */
	SUCCESS,

	/** The store failed or did not answer in time; the pool went on from local state. */
	ERROR,

	/** Not tried, because the store was known to be away; the pool went on from local state. */
	SKIPPED;

	/**
	 * The outcome's name in metrics.
	 * @return lower-case name
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
