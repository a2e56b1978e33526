package io.github.modelpool.member;

import java.time.Instant;

import io.github.modelpool.state.HoldKind;

/**
 * Where a member tells of the holds placed on it here, so other application instances
 * apply them too.
 */
@FunctionalInterface
public interface HoldPublisher {

	/** Tells no one. */
	HoldPublisher NONE = (member, kind, until) -> {
	};

	/**
	 * A hold was placed on (or lifted from) a member by this instance.
	 * @param member the member
	 * @param kind what the hold does
	 * @param until end of a quarantine, {@link Instant#MAX} until reset; {@code null}
	 * for other kinds
	 */
	void placed(PoolMember member, HoldKind kind, Instant until);

}
