package io.github.modelpool.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.github.modelpool.state.HoldKind;
import io.github.modelpool.state.MemberHold;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * What keeps a member out besides its breaker's own judgement: a quarantine, an
 * isolation, and who placed it. Holds placed here are told to a {@link HoldPublisher};
 * those of other instances arrive through {@link #apply(MemberHold)} and are not told
 * again. The breaker is held forced open meanwhile, so Resilience4j's own views
 * (endpoint, health, metrics) show the member out too.
 */
final class MemberHolds {

	private final PoolMember member;

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	// A field, not an AtomicReference: every admission reads it, one object hop less.
	private static final AtomicReferenceFieldUpdater<MemberHolds, Instant> QUARANTINED_UNTIL = AtomicReferenceFieldUpdater
		.newUpdater(MemberHolds.class, Instant.class, "quarantinedUntil");

	private volatile Instant quarantinedUntil;

	private volatile HoldPublisher publisher = HoldPublisher.NONE;

	/** Instance that placed the current hold, when not this one. */
	private volatile String heldBy;

	MemberHolds(PoolMember member, CircuitBreaker circuitBreaker, Clock clock) {
		this.member = member;
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
	}

	void publishTo(HoldPublisher publisher) {
		this.publisher = Objects.requireNonNull(publisher, "publisher must not be null");
	}

	void quarantine(Duration duration) {
		Instant until = (duration != null) ? this.clock.instant().plus(duration) : Instant.MAX;
		quarantineUntil(until, null);
		this.publisher.placed(this.member, HoldKind.QUARANTINE, until);
	}

	void isolate() {
		isolate(null);
		this.publisher.placed(this.member, HoldKind.ISOLATION, null);
	}

	void reset() {
		release();
		this.publisher.placed(this.member, HoldKind.RELEASE, null);
	}

	void apply(MemberHold hold) {
		switch (hold.kind()) {
			case QUARANTINE -> {
				if (hold.holdsAt(this.clock.instant())) {
					quarantineUntil(hold.until(), hold.origin());
				}
			}
			case ISOLATION -> isolate(hold.origin());
			case RELEASE -> release();
		}
	}

	/**
	 * End of the current quarantine, without changing anything.
	 * @return the instant, {@link Instant#MAX} until reset, or {@code null} when not
	 * quarantined (an ended quarantine included)
	 */
	Instant quarantinedUntil() {
		Instant until = this.quarantinedUntil;
		return (until == null || this.clock.instant().isBefore(until)) ? until : null;
	}

	/**
	 * Whether a quarantine holds now; one that ended is lifted first, once, closing the
	 * breaker it held open. Only admission calls this.
	 */
	boolean quarantinedOnAdmission() {
		Instant until = this.quarantinedUntil;
		if (until != null && !this.clock.instant().isBefore(until) && QUARANTINED_UNTIL.compareAndSet(this, until, null)) {
			this.circuitBreaker.transitionToClosedState();
		}
		return quarantinedUntil() != null;
	}

	/**
	 * Whether a quarantine was placed, ended or not.
	 */
	boolean hasQuarantine() {
		return this.quarantinedUntil != null;
	}

	String heldBy() {
		return this.heldBy;
	}

	private void quarantineUntil(Instant until, String origin) {
		this.heldBy = origin;
		this.quarantinedUntil = until;
		this.circuitBreaker.transitionToForcedOpenState();
	}

	private void isolate(String origin) {
		this.heldBy = origin;
		this.circuitBreaker.transitionToForcedOpenState();
	}

	private void release() {
		this.heldBy = null;
		this.quarantinedUntil = null;
		this.circuitBreaker.reset();
	}

}
