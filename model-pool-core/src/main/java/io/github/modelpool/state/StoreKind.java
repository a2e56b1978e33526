package io.github.modelpool.state;

import java.util.Locale;

/**
 * Kinds of {@link StateStore}.
 */
public enum StoreKind {

	/** Each application instance keeps its own state; nothing is shared. */
	MEMORY,

	/** Instances share sessions and holds through Redis. */
	REDIS;

	/**
	 * The kind's name for operators and metrics.
	 * @return lower-case name
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
