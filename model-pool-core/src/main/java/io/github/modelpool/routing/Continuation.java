package io.github.modelpool.routing;

/**
 * Whether a member may finish a streamed answer that another member started.
 */
public enum Continuation {

	/** The member is never asked to continue another member's answer. */
	NONE,

	/**
	 * The member accepts the text emitted so far as a trailing assistant message and
	 * continues it (assistant prefill).
	 */
	PREFILL

}
