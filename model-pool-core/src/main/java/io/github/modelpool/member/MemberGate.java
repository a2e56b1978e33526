package io.github.modelpool.member;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.state.MemberHold;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The pool's side of a member: admitting calls and recording how each ended, and the
 * holds other instances placed. Applications and operators use {@link PoolMember}; the
 * pool that owns the member reaches this through {@link PoolMember#gate()}. Safe for use
 * by many threads.
 */
public final class MemberGate {

	/** Weight of a faster call in the latency average. */
	private static final double LATENCY_WEIGHT = 0.1;

	private final CircuitBreaker circuitBreaker;

	private final MemberHolds holds;

	private final Clock clock;

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder notPermitted = new LongAdder();

	private final LongAdder inputTokens = new LongAdder();

	private final LongAdder cachedTokens = new LongAdder();

	private final LongAdder outputTokens = new LongAdder();

	private volatile LastFailure lastFailure;

	private static final AtomicIntegerFieldUpdater<MemberGate> INFLIGHT = AtomicIntegerFieldUpdater
		.newUpdater(MemberGate.class, "inflight");

	/** Admitted calls not ended yet. */
	private volatile int inflight;

	/**
	 * Peak-weighted moving average of successful calls' durations, in nanoseconds: a
	 * slower call counts at once, faster ones pull it down gradually. Zero until the
	 * first success. Updated without a lock: a lost update among racing calls only
	 * skips one sample.
	 */
	private volatile double latencyNanos;

	/** When the breaker last opened, noted by the outcome that opened it. */
	private volatile Instant openedAt;

	MemberGate(CircuitBreaker circuitBreaker, MemberHolds holds, Clock clock) {
		this.circuitBreaker = circuitBreaker;
		this.holds = holds;
		this.clock = clock;
	}

	/**
	 * Whether a call may go to the member now; when it may, the caller owes exactly one
	 * of {@link #succeeded}, {@link #failed} or {@link #released}.
	 * @return {@code true} when the call is admitted
	 */
	public boolean tryAcquire() {
		if (!this.holds.quarantinedOnAdmission() && this.circuitBreaker.tryAcquirePermission()) {
			INFLIGHT.incrementAndGet(this);
			return true;
		}
		this.notPermitted.increment();
		return false;
	}

	/**
	 * Record an admitted call that succeeded.
	 * @param nanos call duration
	 */
	public void succeeded(long nanos) {
		INFLIGHT.decrementAndGet(this);
		boolean wasOpen = isOpen();
		this.circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		this.succeeded.increment();
		double average = this.latencyNanos;
		this.latencyNanos = (nanos >= average || average == 0) ? nanos : average + LATENCY_WEIGHT * (nanos - average);
		noteOpening(wasOpen);
	}

	/**
	 * Record an admitted call that failed. Failures that are not the member's fault
	 * (request errors, cancellations) give the permission back without counting.
	 * @param failure the classified failure
	 * @param error the exception
	 * @param nanos call duration
	 */
	public void failed(Failure failure, Throwable error, long nanos) {
		INFLIGHT.decrementAndGet(this);
		boolean wasOpen = isOpen();
		if (failure.kind().countsAgainstMember()) {
			this.circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, error);
		}
		else {
			this.circuitBreaker.releasePermission();
		}
		noteOpening(wasOpen);
		if (failure.kind() != FailureKind.CANCELLED) {
			this.failed.increment();
			this.lastFailure = new LastFailure(failure.kind(), this.clock.instant(),
					SecretRedactor.redact(failure.describe() + ": " + error.getMessage()));
		}
	}

	/**
	 * Give back an admitted call that was dropped before it produced a result, such as a
	 * cancelled stream; a held half-open probe becomes available again.
	 */
	public void released() {
		INFLIGHT.decrementAndGet(this);
		this.circuitBreaker.releasePermission();
	}

	/**
	 * Tell the holds placed on the member here to other instances; called by the pool
	 * the member joins.
	 * @param publisher where to tell them
	 */
	public void publishHoldsTo(HoldPublisher publisher) {
		this.holds.publishTo(publisher);
	}

	/**
	 * Apply a hold another instance placed or lifted; it is not told again.
	 * @param hold the hold
	 */
	public void apply(MemberHold hold) {
		this.holds.apply(hold);
	}

	/**
	 * Only recorded outcomes open a breaker (by failure rate, or slow calls): the time is
	 * noted here rather than by a listener on the breaker's events, which would make the
	 * breaker create an event object for every call.
	 */
	private void noteOpening(boolean wasOpen) {
		if (!wasOpen && isOpen()) {
			this.openedAt = this.clock.instant();
		}
	}

	private boolean isOpen() {
		return this.circuitBreaker.getState() == CircuitBreaker.State.OPEN;
	}

	/**
	 * When the breaker last opened.
	 * @return the instant, or {@code null} when it never opened
	 */
	Instant openedAt() {
		return this.openedAt;
	}

	/**
	 * Count the tokens of an answer the member gave.
	 * @param tokens the answer's tokens
	 */
	public void answered(TokenCounts tokens) {
		if (tokens.isEmpty()) {
			return;
		}
		this.inputTokens.add(tokens.input());
		this.cachedTokens.add(tokens.cached());
		this.outputTokens.add(tokens.output());
	}

	/**
	 * Calls admitted and not ended yet.
	 * @return the number of calls in flight
	 */
	public int inflight() {
		return this.inflight;
	}

	/**
	 * The member's load for choosing among members (the peak-EWMA rule): its latency
	 * average times its calls in flight plus one. A member that never answered counts its
	 * calls in flight alone.
	 * @return the load score, lower is better
	 */
	public double load() {
		double latency = this.latencyNanos;
		return ((latency > 0) ? latency : 1) * (this.inflight + 1);
	}

	TokenCounts tokens() {
		return new TokenCounts(this.inputTokens.sum(), this.cachedTokens.sum(), this.outputTokens.sum());
	}

	long succeededCalls() {
		return this.succeeded.sum();
	}

	long failedCalls() {
		return this.failed.sum();
	}

	long notPermittedCalls() {
		return this.notPermitted.sum();
	}

	LastFailure lastFailure() {
		return this.lastFailure;
	}

}
