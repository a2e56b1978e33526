package io.github.modelpool.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.HoldKind;
import io.github.modelpool.state.MemberHold;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * One member of a pool: a chat model, the model name used through it, its circuit
 * breaker, its quarantine and its call counts. Safe for use by many threads.
 * <p>
 * Quarantines, isolations and resets placed here are told to a {@link HoldPublisher};
 * those other application instances placed arrive through {@link #apply(MemberHold)}.
 * Breakers themselves stay local: each instance judges the calls it makes.
 */
public final class PoolMember {

	private final RouteMember route;

	private final String chatModelName;

	private final ChatModel chatModel;

	private final String model;

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final TimeoutPolicy timeouts;

	private volatile String defaultModel;

	private final AtomicReference<Instant> quarantinedUntil = new AtomicReference<>();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder notPermitted = new LongAdder();

	private volatile LastFailure lastFailure;

	private volatile Instant openedAt;

	private volatile HoldPublisher holdPublisher = HoldPublisher.NONE;

	/** Instance that placed the current hold, when not this one. */
	private volatile String heldBy;

	/**
	 * Create a member.
	 * @param route id, weight and role
	 * @param chatModelName bean name of the chat model
	 * @param chatModel the chat model
	 * @param model model name used for calls through this member, or {@code null} for the
	 * chat model's default
	 * @param circuitBreaker the member's breaker
	 * @param clock time source for quarantines and failure times
	 */
	public PoolMember(RouteMember route, String chatModelName, ChatModel chatModel, String model,
			CircuitBreaker circuitBreaker, Clock clock) {
		this(route, chatModelName, chatModel, model, circuitBreaker, clock, null);
	}

	/**
	 * Create a member with its own time limits.
	 * @param route id, weight, role, context window and continuation
	 * @param chatModelName bean name of the chat model
	 * @param chatModel the chat model
	 * @param model model name used for calls through this member, or {@code null} for the
	 * chat model's default
	 * @param circuitBreaker the member's breaker
	 * @param clock time source for quarantines and failure times
	 * @param timeouts limits replacing the pool's for this member (a {@code null} field
	 * inherits the pool's), or {@code null} for the pool's
	 */
	public PoolMember(RouteMember route, String chatModelName, ChatModel chatModel, String model,
			CircuitBreaker circuitBreaker, Clock clock, TimeoutPolicy timeouts) {
		this.timeouts = timeouts;
		this.route = Objects.requireNonNull(route, "route must not be null");
		this.chatModelName = chatModelName;
		this.chatModel = Objects.requireNonNull(chatModel, "chatModel must not be null");
		this.model = model;
		this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.circuitBreaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				this.openedAt = this.clock.instant();
			}
		});
	}

	public String id() {
		return this.route.id();
	}

	public RouteMember route() {
		return this.route;
	}

	public MemberRole role() {
		return this.route.role();
	}

	public int weight() {
		return this.route.weight();
	}

	public String chatModelName() {
		return this.chatModelName;
	}

	public ChatModel chatModel() {
		return this.chatModel;
	}

	/**
	 * Model name used for calls through this member.
	 * @return the name, or {@code null} for the chat model's default
	 */
	public String model() {
		return this.model;
	}

	/**
	 * Time limits this member sets in place of the pool's.
	 * @return the limits, {@code null} fields inheriting; {@code null} for the pool's
	 */
	public TimeoutPolicy timeouts() {
		return this.timeouts;
	}

	/**
	 * Model this member serves: its override, else its chat model's default.
	 * @return the model name, or {@code null} when the chat model does not say
	 */
	public String servedModel() {
		if (this.model != null) {
			return this.model;
		}
		String known = this.defaultModel;
		if (known == null) {
			known = MemberPrompts.forClasspath().defaultModel(this.chatModel);
			this.defaultModel = known;
		}
		return known;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The prompt as this member should receive it.
	 * @param prompt the prompt given to the pool
	 * @return the prompt with options adapted to this member
	 */
	public Prompt adapt(Prompt prompt) {
		return MemberPrompts.forClasspath().adapt(prompt, this.chatModel, this.model);
	}

	/**
	 * State as operators see it. Reading it never takes a half-open probe.
	 * @return the state
	 */
	public MemberState state() {
		Instant until = this.quarantinedUntil.get();
		if (until != null) {
			// An ended quarantine is released at the member's next admission: closed by then.
			return this.clock.instant().isBefore(until) ? MemberState.QUARANTINED : MemberState.CLOSED;
		}
		return MemberState.valueOf(this.circuitBreaker.getState().name());
	}

	/**
	 * Whether the member is offered to sessions now. Reading it never takes a half-open
	 * probe.
	 * @return {@code true} unless open, forced open or quarantined
	 */
	public boolean isAvailable() {
		return state().isAvailable();
	}

	/**
	 * Whether a call may go to this member now; when it may, the caller owes exactly one
	 * of {@link #succeeded}, {@link #failed} or {@link #released}.
	 * @return {@code true} when the call is admitted
	 */
	public boolean tryAcquire() {
		releaseEndedQuarantine();
		if (!isQuarantined() && this.circuitBreaker.tryAcquirePermission()) {
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
		this.circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		this.succeeded.increment();
	}

	/**
	 * Record an admitted call that failed. Failures that are not the member's fault
	 * (request errors, cancellations) give the permission back without counting.
	 * @param failure the classified failure
	 * @param error the exception
	 * @param nanos call duration
	 */
	public void failed(Failure failure, Throwable error, long nanos) {
		if (failure.kind().countsAgainstMember()) {
			this.circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, error);
		}
		else {
			this.circuitBreaker.releasePermission();
		}
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
		this.circuitBreaker.releasePermission();
	}

	/**
	 * Tell the holds placed on this member here to other instances; called by the pool
	 * the member joins.
	 * @param publisher where to tell them
	 */
	public void publishHoldsTo(HoldPublisher publisher) {
		this.holdPublisher = Objects.requireNonNull(publisher, "publisher must not be null");
	}

	/**
	 * Keep the member out of every session. The breaker is held forced open meanwhile,
	 * so Resilience4j's endpoint and health agree; the first read of the member after the
	 * quarantine ends closes it again.
	 * @param duration how long, or {@code null} until {@link #reset()}
	 */
	public void quarantine(Duration duration) {
		Instant until = (duration != null) ? this.clock.instant().plus(duration) : Instant.MAX;
		quarantineUntil(until, null);
		this.holdPublisher.placed(this, HoldKind.QUARANTINE, until);
	}

	/**
	 * Close the breaker and lift any quarantine or isolation, on every instance.
	 */
	public void reset() {
		release();
		this.holdPublisher.placed(this, HoldKind.RELEASE, null);
	}

	/**
	 * Force the breaker open: the member is drained and sessions move at their next
	 * call, on every instance.
	 */
	public void isolate() {
		isolate(null);
		this.holdPublisher.placed(this, HoldKind.ISOLATION, null);
	}

	/**
	 * Apply a hold another instance placed or lifted; it is not told again.
	 * @param hold the hold
	 */
	public void apply(MemberHold hold) {
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
	 * The application instance that placed this member's quarantine or isolation, when
	 * it was not this one.
	 * @return the other instance's id, or {@code null} when the hold was placed here or
	 * there is none
	 */
	public String heldBy() {
		return state().isHeld() ? this.heldBy : null;
	}

	private void quarantineUntil(Instant until, String origin) {
		this.heldBy = origin;
		this.quarantinedUntil.set(until);
		// Resilience4j's own views (endpoint, health, metrics) show the member out too.
		this.circuitBreaker.transitionToForcedOpenState();
	}

	private void isolate(String origin) {
		this.heldBy = origin;
		this.circuitBreaker.transitionToForcedOpenState();
	}

	private void release() {
		this.heldBy = null;
		this.quarantinedUntil.set(null);
		this.circuitBreaker.reset();
	}

	/**
	 * When the open breaker admits its half-open probe, for operators.
	 * @return the instant, or {@code null} unless the breaker is open
	 */
	public Instant halfOpenAt() {
		Instant opened = this.openedAt;
		if (opened == null || this.circuitBreaker.getState() != CircuitBreaker.State.OPEN) {
			return null;
		}
		long waitMillis = this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
		return opened.plusMillis(waitMillis);
	}

	/**
	 * End of the current quarantine.
	 * @return the instant, {@link Instant#MAX} until reset, or {@code null} when not
	 * quarantined
	 */
	public Instant quarantinedUntil() {
		Instant until = this.quarantinedUntil.get();
		return (until == null || this.clock.instant().isBefore(until)) ? until : null;
	}

	/**
	 * Close the breaker an ended quarantine held open; the first admission after the end
	 * does it, once.
	 */
	private void releaseEndedQuarantine() {
		Instant until = this.quarantinedUntil.get();
		if (until != null && !this.clock.instant().isBefore(until) && this.quarantinedUntil.compareAndSet(until, null)) {
			this.circuitBreaker.transitionToClosedState();
		}
	}

	public long succeededCalls() {
		return this.succeeded.sum();
	}

	public long failedCalls() {
		return this.failed.sum();
	}

	public long notPermittedCalls() {
		return this.notPermitted.sum();
	}

	/**
	 * The most recent failure.
	 * @return the failure, or {@code null} when the member never failed
	 */
	public LastFailure lastFailure() {
		return this.lastFailure;
	}

	private boolean isQuarantined() {
		return quarantinedUntil() != null;
	}

	@Override
	public String toString() {
		return "PoolMember[" + id() + "]";
	}

}
