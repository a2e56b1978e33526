package io.github.modelpool.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A hold placed on (or lifted from) a pool member by one application instance, for the
 * others to apply.
 *
 * @param pool pool id
 * @param member member id
 * @param kind what the hold does
 * @param until end of a quarantine, {@link Instant#MAX} until reset; {@code null} for
 * other kinds
 * @param origin id of the instance that placed it
 * @param placedAt when it was placed
 */
public record MemberHold(String pool, String member, HoldKind kind, Instant until, String origin, Instant placedAt) {

	public MemberHold {
		Objects.requireNonNull(pool, "pool must not be null");
		Objects.requireNonNull(member, "member must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(origin, "origin must not be null");
		Objects.requireNonNull(placedAt, "placedAt must not be null");
		if (kind == HoldKind.QUARANTINE) {
			Objects.requireNonNull(until, "until must not be null for a quarantine");
		}
	}

	/**
	 * Whether the hold still keeps its member out at a moment.
	 * @param now the moment
	 * @return {@code false} for a release and an ended quarantine
	 */
	public boolean holdsAt(Instant now) {
		return switch (this.kind) {
			case QUARANTINE -> now.isBefore(this.until);
			case ISOLATION -> true;
			case RELEASE -> false;
		};
	}

}
