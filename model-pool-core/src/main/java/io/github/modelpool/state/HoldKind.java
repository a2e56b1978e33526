package io.github.modelpool.state;

/**
 * What a {@link MemberHold} does to a member.
 */
public enum HoldKind {

	/** Out of every session until a time or a reset, after a permanent failure. */
	QUARANTINE,

	/** Drained by an operator until reset. */
	ISOLATION,

	/** Reset by an operator: any hold lifted, breaker closed. */
	RELEASE

}
