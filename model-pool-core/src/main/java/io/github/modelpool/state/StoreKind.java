package io.github.modelpool.state;

/**
 * Kinds of {@link StateStore}.
 */
public enum StoreKind {

	/** Each application instance keeps its own state; nothing is shared. */
	MEMORY,

	/** Instances share sessions and holds through Redis. */
	REDIS

}
