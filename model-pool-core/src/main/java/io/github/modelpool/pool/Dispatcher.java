package io.github.modelpool.pool;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.Router;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.session.Session;
import io.github.modelpool.session.SessionState;
import io.github.modelpool.session.SessionTable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The attempt loop shared by blocking calls and streams: which member a call starts
 * on, what a member's failure means, where the call and its session go next. Call and
 * stream differ only in whether a failure may still move the call (a stream only
 * before its first element).
 */
final class Dispatcher {

	/** Session's switch budget is spent. */
	private static final int BUDGET_SPENT = -2;

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final String poolId;

	private final List<PoolMember> members;

	private final Router router;

	private final RoutingPolicy routing;

	private final SwitchPolicy switching;

	private final SessionTable sessions;

	private final FailureClassifier classifier;

	private final PoolListener listener;

	private final AtomicLong tickets = new AtomicLong();

	private final AtomicLong switches = new AtomicLong();

	private final AtomicLong anonymousCalls = new AtomicLong();

	Dispatcher(String poolId, List<PoolMember> members, Router router, RoutingPolicy routing,
			SwitchPolicy switching, SessionTable sessions, FailureClassifier classifier, PoolListener listener) {
		this.poolId = poolId;
		this.members = members;
		this.router = router;
		this.routing = routing;
		this.switching = switching;
		this.sessions = sessions;
		this.classifier = classifier;
		this.listener = listener;
	}

	/**
	 * Start a call: find or create its session, move the session where policy says, and
	 * admit the call at a member.
	 * @throws ModelPoolUnavailableException when no member admits the call
	 */
	MemberTry begin(RoutingKeys keys, CallMode mode) {
		Session session = sessionFor(keys);
		SessionState before = session.use(this.sessions.nanoTime());
		returnHomeIfDue(session, before);
		Attempt attempt = new Attempt(session, mode);
		return admit(attempt, session.state().active());
	}

	/**
	 * The member answered.
	 */
	void succeeded(MemberTry memberTry) {
		if (!memberTry.end()) {
			return;
		}
		long nanos = elapsed(memberTry);
		memberTry.member().succeeded(nanos);
		memberTry.attempt().session().succeeded(memberTry.index());
		this.listener.onMemberCall(this.poolId, memberTry.member(), CallOutcome.SUCCESS, memberTry.attempt().mode(),
				nanos);
	}

	/**
	 * The caller dropped the call (a cancelled stream): nobody's fault; a held half-open
	 * probe is given back.
	 */
	void cancelled(MemberTry memberTry) {
		if (!memberTry.end()) {
			return;
		}
		memberTry.member().released();
		this.listener.onMemberCall(this.poolId, memberTry.member(), CallOutcome.CANCELLED,
				memberTry.attempt().mode(), elapsed(memberTry));
	}

	/**
	 * The member failed. Records the failure, applies the policy to the session and
	 * either admits the call at the next member or throws what the caller should see:
	 * the member's own exception when the failure does not move calls (or may no longer
	 * move this one), a {@link ModelPoolException} when no member is left.
	 * @param memberTry the failed try
	 * @param error the member's exception
	 * @param mayMove whether this call may still move (false once a stream emitted)
	 * @return the next try
	 */
	MemberTry failed(MemberTry memberTry, Throwable error, boolean mayMove) {
		RuntimeException original = asRuntime(error);
		if (!memberTry.end()) {
			throw original;
		}
		PoolMember member = memberTry.member();
		Attempt attempt = memberTry.attempt();
		long nanos = elapsed(memberTry);
		Failure failure = this.classifier.classify(error);
		member.failed(failure, error, nanos);
		this.listener.onMemberCall(this.poolId, member, CallOutcome.of(failure.kind()), attempt.mode(), nanos);
		if (this.switching.quarantines(failure)) {
			member.quarantine(this.switching.quarantineDuration());
		}
		attempt.failed(member.id(), failure.describe(), original);
		if (!this.switching.switchesOn(failure)) {
			throw original;
		}
		SwitchReason reason = (failure.kind() == FailureKind.QUOTA) ? SwitchReason.QUOTA : SwitchReason.PERMANENT;
		int next = moveSession(attempt, memberTry.index(), reason);
		if (!mayMove || next == BUDGET_SPENT) {
			throw original;
		}
		if (next == Router.NONE) {
			throw exhausted(attempt);
		}
		return admit(attempt, next);
	}

	/**
	 * Outcome of a pool call that ended with this exception, for observations.
	 * @param error what the caller saw
	 * @return {@code unavailable}, {@code exhausted} or the failure kind in lower case
	 */
	String outcomeOf(Throwable error) {
		if (error instanceof ModelPoolUnavailableException) {
			return "unavailable";
		}
		if (error instanceof ModelPoolExhaustedException) {
			return "exhausted";
		}
		return CallOutcome.of(this.classifier.classify(error).kind()).tag();
	}

	long switches() {
		return this.switches.get();
	}

	long anonymousCalls() {
		return this.anonymousCalls.get();
	}

	private Session sessionFor(RoutingKeys keys) {
		String key = (this.routing.stickyScope() == StickyScope.THREAD) ? keys.conversationId() : keys.runId();
		if (key != null) {
			return this.sessions.get(key, (newKey) -> home(newKey, this.tickets.getAndIncrement()));
		}
		this.anonymousCalls.incrementAndGet();
		long ticket = this.tickets.getAndIncrement();
		String anonymousKey = "anonymous-" + ticket;
		return Session.anonymous(anonymousKey, home(anonymousKey, ticket), this.sessions.nanoTime());
	}

	private int home(String key, long ticket) {
		return this.router.home(key, ticket, this::isAvailable);
	}

	private void returnHomeIfDue(Session session, SessionState before) {
		if (this.routing.returnHomeAfter() == null || !before.isAway() || !isAvailable(before.home())) {
			return;
		}
		long idle = this.sessions.nanoTime() - before.lastUsedNanos();
		if (idle < this.routing.returnHomeAfter().toNanos()) {
			return;
		}
		SessionState current = session.state();
		if (current.active() == before.active() && session.compareAndSet(current, current.returnedHome())) {
			recordSwitch(current.active(), current.home(), SwitchReason.RETURN_HOME);
		}
	}

	/**
	 * Admit the call at a member, moving on while members refuse.
	 */
	private MemberTry admit(Attempt attempt, int first) {
		int candidate = first;
		while (true) {
			PoolMember member = this.members.get(candidate);
			attempt.reach(candidate);
			MemberState state = member.state();
			if (member.tryAcquire()) {
				return new MemberTry(attempt, candidate, member, this.sessions.nanoTime());
			}
			boolean quarantined = state == MemberState.QUARANTINED;
			this.listener.onMemberCall(this.poolId, member, CallOutcome.NOT_PERMITTED, attempt.mode(), 0);
			notAdmitted(attempt, member, state);
			if (!quarantined && !this.switching.onCircuitOpen()) {
				throw unavailable(attempt, "could not admit the call at member '" + member.id()
						+ "' and switch.on-circuit-open is false");
			}
			int next = moveSession(attempt, candidate, quarantined ? SwitchReason.PERMANENT : SwitchReason.CIRCUIT_OPEN);
			if (next == BUDGET_SPENT && attempt.lastError() != null) {
				throw attempt.lastError();
			}
			if (next == BUDGET_SPENT) {
				throw unavailable(attempt, "could not admit the call and the session's switch budget is spent");
			}
			if (next == Router.NONE) {
				throw (attempt.lastError() != null) ? exhausted(attempt)
						: unavailable(attempt, "has no member that can take the call");
			}
			candidate = next;
		}
	}

	/**
	 * Move the session off a member the call could not use. When another call already
	 * moved it, the session is left alone and this call follows it if it can; a late
	 * signal never overwrites a newer choice.
	 * @return the member the call should try next, {@link Router#NONE} or
	 * {@link #BUDGET_SPENT}
	 */
	private int moveSession(Attempt attempt, int from, SwitchReason reason) {
		Session session = attempt.session();
		while (true) {
			SessionState state = session.state();
			if (state.active() != from) {
				int current = state.active();
				return (!attempt.reached(current) && isAvailable(current)) ? current : target(attempt, session);
			}
			if (!this.switching.allowsSwitchAfter(state.switches())) {
				return BUDGET_SPENT;
			}
			int target = target(attempt, session);
			if (target == Router.NONE) {
				return Router.NONE;
			}
			if (session.compareAndSet(state, state.switchedTo(target))) {
				recordSwitch(from, target, reason);
				return target;
			}
		}
	}

	/**
	 * Best member this call has not reached: an available one, else one whose open
	 * breaker might admit a probe now (breakers without automatic half-open move only
	 * when asked).
	 */
	private int target(Attempt attempt, Session session) {
		int target = this.router.failover(session.key(), (i) -> !attempt.reached(i) && isAvailable(i));
		if (target != Router.NONE) {
			return target;
		}
		return this.router.failover(session.key(),
				(i) -> !attempt.reached(i) && this.members.get(i).state() == MemberState.OPEN);
	}

	private void recordSwitch(int from, int to, SwitchReason reason) {
		this.switches.incrementAndGet();
		if (logger.isWarnEnabled()) {
			logger.warn("Model pool '" + this.poolId + "': moved a session from member '" + this.members.get(from).id()
					+ "' to '" + this.members.get(to).id() + "' (" + reason.name().toLowerCase(Locale.ROOT) + ")");
		}
		this.listener.onSwitch(this.poolId, this.members.get(from), this.members.get(to), reason);
	}

	private boolean isAvailable(int member) {
		return this.members.get(member).isAvailable();
	}

	private long elapsed(MemberTry memberTry) {
		return Math.max(0, this.sessions.nanoTime() - memberTry.startNanos());
	}

	private ModelPoolExhaustedException exhausted(Attempt attempt) {
		return new ModelPoolExhaustedException(this.poolId, attempt.outcomes(), attempt.errors());
	}

	/**
	 * No member could take the call: every member the call did not reach but that is out
	 * now is named too, with its state.
	 */
	private ModelPoolUnavailableException unavailable(Attempt attempt, String reason) {
		for (int i = 0; i < this.members.size(); i++) {
			PoolMember member = this.members.get(i);
			MemberState state = member.state();
			if (!attempt.reached(i) && !state.isAvailable()) {
				attempt.reach(i);
				notAdmitted(attempt, member, state);
			}
		}
		return new ModelPoolUnavailableException(this.poolId, reason, attempt.outcomes(), attempt.errors());
	}

	private void notAdmitted(Attempt attempt, PoolMember member, MemberState state) {
		attempt.notAdmitted(member.id(),
				(state == MemberState.QUARANTINED) ? "QUARANTINED" : "not permitted (" + state + ")",
				new MemberUnavailableException(this.poolId, member.id(), state));
	}

	private static RuntimeException asRuntime(Throwable error) {
		return (error instanceof RuntimeException runtime) ? runtime
				: new IllegalStateException(error.getMessage(), error);
	}

}
