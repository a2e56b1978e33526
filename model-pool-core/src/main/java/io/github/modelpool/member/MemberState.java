package io.github.modelpool.member;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * A member's state as operators see it: its circuit breaker's state, or
 * {@link #QUARANTINED} while a permanent failure keeps it out.
 */
public enum MemberState {

	/** Breaker closed: serving. */
	CLOSED,

	/** Breaker open: not serving until its wait ends. */
	OPEN,

	/** Breaker half open: admitting probe calls. */
	HALF_OPEN,

	/** Breaker forced open by an operator: drained. */
	FORCED_OPEN,

	/** Breaker disabled: always serving. */
	DISABLED,

	/** Breaker only recording metrics: always serving. */
	METRICS_ONLY,

	/** Out of every session after a permanent failure, until its quarantine ends or a reset. */
	QUARANTINED;

	/**
	 * The state a breaker's state shows operators; read on every call, so without the
	 * name lookup of {@code valueOf}.
	 * @param state the breaker's state
	 * @return the same state
	 */
	static MemberState of(CircuitBreaker.State state) {
		return switch (state) {
			case CLOSED -> CLOSED;
			case OPEN -> OPEN;
			case HALF_OPEN -> HALF_OPEN;
			case FORCED_OPEN -> FORCED_OPEN;
			case DISABLED -> DISABLED;
			case METRICS_ONLY -> METRICS_ONLY;
		};
	}

	/**
	 * Whether a member in this state is offered to sessions.
	 * @return {@code false} for open, forced open and quarantined members
	 */
	public boolean isAvailable() {
		return this != OPEN && this != FORCED_OPEN && this != QUARANTINED;
	}

	/**
	 * Whether a member in this state is held out on purpose: quarantined, or forced open
	 * by an operator.
	 * @return {@code true} for quarantined and forced open members
	 */
	public boolean isHeld() {
		return this == FORCED_OPEN || this == QUARANTINED;
	}

}
