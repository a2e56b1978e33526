package io.github.modelpool.state;

import java.util.Locale;

/**
 * Operations of a shared {@link StateStore}, as metrics name them.
 */
public enum StoreOperation {

	/** Read a session's pin and mark it used: once per call with a routing key. */
	TOUCH_SESSION,

	/** Compare-and-set a session's move. */
	MOVE_SESSION,

	/** Store and announce a member's hold. */
	PUBLISH_HOLD,

	/** Read every hold of a pool, at start and after the store was away. */
	READ_HOLDS,

	/** Write back what this instance changed while the store was away. */
	RECONCILE,

	/** Check that the store answers. */
	PING,

	/** Add this instance's use of a provider account and read the other instances'. */
	EXCHANGE_USAGE;

	/**
	 * The operation's name in metrics.
	 * @return lower-case name with dashes
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
