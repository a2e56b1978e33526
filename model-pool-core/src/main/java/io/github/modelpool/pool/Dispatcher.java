package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.LimitReading;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.MemberTimeoutException;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.Router;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.session.Session;
import io.github.modelpool.session.SessionState;
import io.github.modelpool.session.SessionTable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The pool's one retry loop, shared by blocking calls and streams: which member a call
 * starts on, what a member's failure means, whether the same member is tried again
 * (after a backoff or a short Retry-After), where the call goes next and whether its
 * session follows. Call and stream differ only in whether a failure may still move the
 * call (a stream only before its first element; after it, only a continuation).
 */
final class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final String poolId;

	private final List<PoolMember> members;

	private final Router router;

	private final RoutingPolicy routing;

	private final SwitchPolicy switching;

	private final RetryPolicy retry;

	private final TimeoutPolicy timeouts;

	private final SessionTable sessions;

	private final MemberBudgets budgets;

	private final FailureClassifier classifier;

	private final PoolListener listener;

	private final DoubleSupplier jitter;

	private final AtomicLong tickets = new AtomicLong();

	/** The home of a new remembered session; one instance, so a call allocates none. */
	private final ToIntFunction<String> newSessionHome = (key) -> home(key, this.tickets.getAndIncrement());

	private final AtomicLong switches = new AtomicLong();

	/** Which members may home a new session; one instance. */
	private final IntPredicate canTakeNewSession = this::canTakeNewSession;

	private final AtomicLong anonymousCalls = new AtomicLong();

	Dispatcher(String poolId, List<PoolMember> members, Router router, PoolPolicies policies, SessionTable sessions,
			FailureClassifier classifier, PoolListener listener) {
		this(poolId, members, router, policies, sessions, classifier, listener,
				() -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * A dispatcher whose backoff jitter comes from the given source.
	 * @param jitter values in [0, 1) that spread retries of one member apart
	 */
	Dispatcher(String poolId, List<PoolMember> members, Router router, PoolPolicies policies, SessionTable sessions,
			FailureClassifier classifier, PoolListener listener, DoubleSupplier jitter) {
		this.jitter = jitter;
		this.poolId = poolId;
		this.members = members;
		this.router = router;
		this.routing = policies.routing();
		this.switching = policies.switching();
		this.retry = policies.retry();
		this.timeouts = policies.timeouts();
		this.sessions = sessions;
		this.budgets = new MemberBudgets(members, sessions::nanoTime);
		this.classifier = classifier;
		this.listener = listener;
	}

	/**
	 * Start a call: find or create its session, move the session where policy says, and
	 * admit the call at a member.
	 * @throws ModelPoolUnavailableException when no member admits the call
	 */
	Admission begin(RoutingKeys keys, CallMode mode, Object input) {
		Session session = sessionFor(keys);
		long now = this.sessions.nanoTime();
		long lastUsed = session.use(now);
		returnHomeIfDue(session, now - lastUsed);
		long deadline = (this.timeouts.call() != null) ? now + this.timeouts.call().toNanos() : Long.MAX_VALUE;
		Attempt attempt = new Attempt(session, mode, this.members.size(), deadline,
				this.routing.forwardCacheKey() ? keys.conversationId() : null, input);
		return admit(attempt, session.state().active(), now);
	}

	/**
	 * Go on with a call after a failed try, or a rate budget's wait, and the wait it asked
	 * for.
	 * @param next where the call goes
	 * @return the admitted try, or another wait
	 * @throws ModelPoolUnavailableException when no member admits the call
	 * @throws ModelPoolRateLimitedException when no member's rate budget can take it
	 */
	Admission resume(NextTry next) {
		return admit(next.attempt(), next.member(), this.sessions.nanoTime());
	}

	/**
	 * Time left before the call's deadline.
	 * @param attempt the call
	 * @return nanoseconds left, {@link Long#MAX_VALUE} without deadline
	 */
	long remainingNanos(Attempt attempt) {
		return attempt.remainingNanos(this.sessions.nanoTime());
	}

	TimeoutPolicy timeouts() {
		return this.timeouts;
	}

	/**
	 * The member answered; its provider counted these tokens.
	 * @param memberTry the try that answered
	 * @param tokens the answer's tokens
	 */
	void succeeded(MemberTry memberTry, TokenCounts tokens, LimitReading limits) {
		if (!memberTry.end()) {
			return;
		}
		long now = this.sessions.nanoTime();
		long nanos = elapsed(memberTry, now);
		PoolMember member = memberTry.member();
		member.gate().succeeded(nanos);
		charge(memberTry, tokens, now);
		member.budget().observed(limits, now);
		this.sessions.succeeded(memberTry.attempt().session(), memberTry.index());
		this.listener.onMemberCall(this.poolId, member, CallOutcome.SUCCESS, memberTry.attempt().mode(), nanos);
		counted(member, tokens);
	}

	/**
	 * The member answered, through no fault of its provider, with an answer the pool
	 * cannot hand on (an embedding of another length than the pool's): the try ends
	 * without blame, a held half-open probe is given back, and the provider's use is
	 * counted.
	 * @param memberTry the try that answered
	 * @param tokens the answer's tokens
	 */
	void unusable(MemberTry memberTry, TokenCounts tokens) {
		if (!memberTry.end()) {
			return;
		}
		long now = this.sessions.nanoTime();
		PoolMember member = memberTry.member();
		member.gate().released();
		charge(memberTry, tokens, now);
		this.listener.onMemberCall(this.poolId, member, CallOutcome.REQUEST, memberTry.attempt().mode(),
				elapsed(memberTry, now));
		counted(member, tokens);
	}

	/**
	 * The answered request counts on the member's account with the tokens its provider
	 * counted (or the reservation's estimate when it counted none).
	 */
	private static void charge(MemberTry memberTry, TokenCounts tokens, long now) {
		AccountBudget budget = memberTry.member().budget();
		if (tokens.isEmpty()) {
			budget.answered(memberTry.reservedTokens(), memberTry.startNanos(), -1, -1, now);
		}
		else {
			budget.answered(memberTry.reservedTokens(), memberTry.startNanos(), tokens.input() + tokens.output(),
					tokens.output(), now);
		}
	}

	private void counted(PoolMember member, TokenCounts tokens) {
		if (!tokens.isEmpty()) {
			member.gate().answered(tokens);
			this.listener.onTokens(this.poolId, member, tokens);
		}
	}

	/**
	 * The caller dropped the call (a cancelled stream): nobody's fault; a held half-open
	 * probe is given back.
	 */
	void cancelled(MemberTry memberTry) {
		if (!memberTry.end()) {
			return;
		}
		long now = this.sessions.nanoTime();
		memberTry.member().gate().released();
		memberTry.member().budget().dropped(memberTry.reservedTokens(), memberTry.startNanos(), now);
		this.listener.onMemberCall(this.poolId, memberTry.member(), CallOutcome.CANCELLED,
				memberTry.attempt().mode(), elapsed(memberTry, now));
	}

	/**
	 * The member failed. Records the failure, applies the policy to the session, and
	 * says whether the call goes on: at the same member after a wait (a transient failure
	 * within {@code retry.max-attempts}, a short Retry-After once), at another member
	 * (quota, permanent, transient and context-length failures, an open breaker), or not:
	 * then the caller sees the member's own exception, or a {@link ModelPoolException}
	 * when no member is left.
	 * @param memberTry the failed try
	 * @param error the member's exception
	 * @param mayMove whether this call may still move (false once a stream emitted)
	 * @return what follows
	 */
	AfterFailure failed(MemberTry memberTry, Throwable error, boolean mayMove) {
		RuntimeException original = asRuntime(error);
		Failure failure = this.classifier.classify(error);
		if (!memberTry.end()) {
			return AfterFailure.stop(failure, original);
		}
		PoolMember member = memberTry.member();
		Attempt attempt = memberTry.attempt();
		long now = this.sessions.nanoTime();
		long nanos = elapsed(memberTry, now);
		member.gate().failed(failure, error, nanos);
		// A failed call is not charged its tokens; a rate-limited one holds the account.
		member.budget().failed(memberTry.reservedTokens(), memberTry.startNanos(), now);
		if (failure.kind() == FailureKind.QUOTA && (failure.status() == null || failure.status() == 429)) {
			member.budget().limited(failure.retryAfter(), now);
		}
		this.listener.onMemberCall(this.poolId, member, CallOutcome.of(failure.kind()), attempt.mode(), nanos);
		TimeoutKind timeout = failure.isTimeout() ? timeoutKindOf(error) : null;
		if (timeout != null) {
			this.listener.onTimeout(this.poolId, member, timeout);
		}
		if (this.switching.quarantines(failure)) {
			member.quarantine(this.switching.quarantineDuration());
		}
		attempt.failed(member.id(), failure.describe(), original);
		FailedTry failed = new FailedTry(attempt, memberTry.index(), failure, original);
		if (!mayMove || timeout == TimeoutKind.CALL || !fits(attempt, Duration.ZERO)) {
			moveSessionIfDue(failed);
			return failed.stop();
		}
		AfterFailure after = switch (failure.kind()) {
			case QUOTA -> afterQuota(failed);
			case PERMANENT -> this.switching.switchesOn(failure) ? switchSession(failed, SwitchReason.PERMANENT)
					: failed.stop();
			case TRANSIENT -> afterTransient(failed);
			case REQUEST -> this.switching.movesOnContextLength(failure) ? toLargerContext(failed) : failed.stop();
			case CANCELLED -> failed.stop();
		};
		// Nothing starts that the call's deadline would cut short anyway.
		return (after.next() == null || fits(attempt, after.next().delay())) ? after : failed.stop();
	}

	/**
	 * Admit a stream's continuation at a member that accepts prefill and that this call
	 * has not reached yet.
	 * @param attempt the call
	 * @param from index of the member whose stream broke
	 * @return the admitted try, empty when no such member admits it
	 */
	Optional<MemberTry> continuation(Attempt attempt, int from) {
		if (!fits(attempt, Duration.ZERO)) {
			return Optional.empty();
		}
		while (true) {
			OptionalInt found = this.router.failover(attempt.session().key(), (i) -> !attempt.reached(i) && isAvailable(i)
					&& this.members.get(i).route().continuation() == Continuation.PREFILL);
			if (found.isEmpty()) {
				return Optional.empty();
			}
			int target = found.getAsInt();
			long tokens = this.budgets.reservation(attempt, target);
			long now = this.sessions.nanoTime();
			if (this.members.get(target).budget().reserve(Math.max(0, tokens), now) > 0) {
				attempt.reach(target);
				continue;
			}
			MemberTry admitted = tryAdmit(attempt, target, this.members.get(target).state(), tokens, now);
			if (admitted != null) {
				recordFailover(from, target, SwitchReason.CONTINUATION);
				return Optional.of(admitted);
			}
		}
	}

	/**
	 * A short Retry-After is waited out once, on the same member; else the session moves
	 * when quota moves sessions (also after the wait did not help).
	 */
	private AfterFailure afterQuota(FailedTry failed) {
		Failure failure = failed.failure();
		if (this.switching.waitsOut(failure) && isAvailable(failed.index())
				&& fits(failed.attempt(), failure.retryAfter()) && failed.attempt().waitOut(failed.index())) {
			return retrySameMember(failed, failure.retryAfter());
		}
		if (this.switching.switchesOn(failure)) {
			return switchSession(failed, SwitchReason.QUOTA);
		}
		if (isAvailable(failed.index()) || !this.switching.onCircuitOpen()) {
			return failed.stop();
		}
		return switchSession(failed, SwitchReason.CIRCUIT_OPEN);
	}

	/**
	 * A transient failure is retried on the same member with backoff (never after a
	 * timeout, never on a member whose breaker just opened); then the call moves on and
	 * the session stays, unless the member's breaker opened.
	 */
	private AfterFailure afterTransient(FailedTry failed) {
		Attempt attempt = failed.attempt();
		int index = failed.index();
		if (!isAvailable(index) && this.switching.onCircuitOpen()) {
			return switchSession(failed, SwitchReason.CIRCUIT_OPEN);
		}
		if (isAvailable(index) && !failed.failure().isTimeout() && this.retry.allowsRetryAfter(attempt.triesAt(index))) {
			Duration wait = this.retry.backoff(attempt.triesAt(index), this.jitter.getAsDouble());
			if (fits(attempt, wait)) {
				return retrySameMember(failed, wait);
			}
		}
		if (!this.switching.onTransient()) {
			return failed.stop();
		}
		OptionalInt found = target(attempt, attempt.session());
		if (found.isEmpty()) {
			// With no other member reached, the member's own error says the most.
			return (attempt.reachedCount() > 1) ? failed.stop(exhausted(attempt)) : failed.stop();
		}
		int target = found.getAsInt();
		recordFailover(index, target, failed.failure().isTimeout() ? SwitchReason.TIMEOUT : SwitchReason.TRANSIENT);
		return failed.goOn(NextTry.now(attempt, target));
	}

	private AfterFailure retrySameMember(FailedTry failed, Duration wait) {
		PoolMember member = this.members.get(failed.index());
		this.listener.onRetry(this.poolId, member, failed.failure().kind(), wait);
		if (logger.isDebugEnabled()) {
			logger.debug("Model pool '" + this.poolId + "': retrying member '" + member.id() + "' in "
					+ wait.toMillis() + " ms after " + failed.failure().describe());
		}
		return failed.goOn(new NextTry(failed.attempt(), failed.index(), wait));
	}

	/**
	 * Move the session off the member, then the call with it.
	 */
	private AfterFailure switchSession(FailedTry failed, SwitchReason reason) {
		AfterMove move = moveSession(failed.attempt(), failed.index(), reason);
		return switch (move.outcome()) {
			case TO_MEMBER -> failed.goOn(NextTry.now(failed.attempt(), move.member()));
			case BUDGET_SPENT -> failed.stop();
			case NO_MEMBER -> failed.stop(exhausted(failed.attempt()));
		};
	}

	/**
	 * The call moves, without blame and without its session, to a member this call has
	 * not reached with a larger declared context window (the largest first); when the
	 * failed member declares none, to one serving a different model.
	 */
	private AfterFailure toLargerContext(FailedTry failed) {
		Attempt attempt = failed.attempt();
		int index = failed.index();
		RouteMember failedRoute = this.members.get(index).route();
		IntPredicate open = (i) -> !attempt.reached(i) && isAvailable(i);
		OptionalInt target;
		if (failedRoute.contextWindow() != null) {
			int largest = IntStream.range(0, this.members.size())
				.filter((i) -> open.test(i) && this.members.get(i).route().hasLargerContextWindowThan(failedRoute))
				.map((i) -> this.members.get(i).route().contextWindow())
				.max()
				.orElse(-1);
			target = this.router.failover(attempt.session().key(),
					(i) -> open.test(i) && Objects.equals(this.members.get(i).route().contextWindow(), largest));
		}
		else {
			String failedModel = this.members.get(index).servedModel();
			target = this.router.failover(attempt.session().key(),
					(i) -> open.test(i) && !Objects.equals(this.members.get(i).servedModel(), failedModel));
		}
		if (target.isEmpty()) {
			return failed.stop();
		}
		recordFailover(index, target.getAsInt(), SwitchReason.CONTEXT_LENGTH);
		return failed.goOn(NextTry.now(attempt, target.getAsInt()));
	}

	/**
	 * After a stream emitted, the call cannot move, but its session still follows the
	 * session rules.
	 */
	private void moveSessionIfDue(FailedTry failed) {
		Failure failure = failed.failure();
		if (this.switching.switchesOn(failure)) {
			moveSession(failed.attempt(), failed.index(),
					(failure.kind() == FailureKind.QUOTA) ? SwitchReason.QUOTA : SwitchReason.PERMANENT);
		}
		else if (failure.kind().countsAgainstMember() && !isAvailable(failed.index())
				&& this.switching.onCircuitOpen()) {
			moveSession(failed.attempt(), failed.index(), SwitchReason.CIRCUIT_OPEN);
		}
	}

	/**
	 * A member's failed try, as the decisions after it see it.
	 *
	 * @param attempt the call
	 * @param index the member that failed
	 * @param failure how its failure was classified
	 * @param original the member's exception, what the caller sees when nothing else
	 * says more
	 */
	private record FailedTry(Attempt attempt, int index, Failure failure, RuntimeException original) {

		AfterFailure goOn(NextTry next) {
			return AfterFailure.goOn(this.failure, next);
		}

		AfterFailure stop() {
			return AfterFailure.stop(this.failure, this.original);
		}

		AfterFailure stop(RuntimeException error) {
			return AfterFailure.stop(this.failure, error);
		}

	}

	private boolean fits(Attempt attempt, Duration wait) {
		long remaining = remainingNanos(attempt);
		return remaining == Long.MAX_VALUE || wait.toNanos() < remaining;
	}

	private static TimeoutKind timeoutKindOf(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof MemberTimeoutException timeout) {
				return timeout.getKind();
			}
		}
		return TimeoutKind.CLIENT;
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
		if (error instanceof ModelPoolRateLimitedException) {
			return "rate_limited";
		}
		if (error instanceof ModelPoolDimensionsException) {
			return CallOutcome.REQUEST.tag();
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
			return this.sessions.get(key, this.newSessionHome);
		}
		this.anonymousCalls.incrementAndGet();
		long ticket = this.tickets.getAndIncrement();
		String anonymousKey = "anonymous-" + ticket;
		return Session.anonymous(anonymousKey, home(anonymousKey, ticket), this.sessions.nanoTime());
	}

	/**
	 * Home of a new session: a member that is available and whose rate budget has room
	 * for a request now, so a new conversation never starts at a member it would have to
	 * leave at once.
	 */
	private int home(String key, long ticket) {
		return this.router.home(key, ticket, this.canTakeNewSession, this.budgets.load);
	}

	private boolean canTakeNewSession(int member) {
		return isAvailable(member) && this.budgets.hasRoomForARequest(member);
	}

	private void returnHomeIfDue(Session session, long idleNanos) {
		SessionState state = session.state();
		if (this.routing.returnHomeAfter() == null || !state.isAway() || !isAvailable(state.home())
				|| idleNanos < this.routing.returnHomeAfter().toNanos()) {
			return;
		}
		if (this.sessions.compareAndSet(session, state, state.returnedHome())) {
			recordSwitch(state.active(), state.home(), SwitchReason.RETURN_HOME);
		}
	}

	/**
	 * Admit the call at a member, moving on while members refuse, or wait where a
	 * member's rate budget frees soon enough.
	 * @param firstNow ticker reading for the first member asked; later ones read anew
	 */
	private Admission admit(Attempt attempt, int first, long firstNow) {
		int candidate = first;
		long now = firstNow;
		for (boolean firstMember = true;; firstMember = false) {
			PoolMember member = this.members.get(candidate);
			MemberState state = member.state();
			if (!firstMember) {
				now = this.sessions.nanoTime();
			}
			// A held member refuses the call anyway: its budget is neither asked nor waited for.
			long tokens = state.isHeld() ? AccountBudget.NOT_RESERVED : this.budgets.reservation(attempt, candidate);
			// A budget that counts nothing takes any call: the call's bookkeeping is not asked.
			long budgetWait = (state.isHeld() || !member.budget().isTracking()) ? 0
					: member.budget().reserve(Math.max(0, tokens), now, attempt.waitedOut(candidate));
			if (budgetWait > 0) {
				BudgetStep step = budgetShort(attempt, candidate, budgetWait);
				if (step.pause() != null) {
					return step.pause();
				}
				candidate = step.member();
				continue;
			}
			MemberTry admitted = tryAdmit(attempt, candidate, state, tokens, now);
			if (admitted != null) {
				return admitted;
			}
			boolean quarantined = state == MemberState.QUARANTINED;
			if (!quarantined && !this.switching.onCircuitOpen()) {
				throw unavailable(attempt, "could not admit the call at member '" + member.id()
						+ "' and switch.on-circuit-open is false");
			}
			AfterMove move = moveSession(attempt, candidate,
					quarantined ? SwitchReason.PERMANENT : SwitchReason.CIRCUIT_OPEN);
			candidate = switch (move.outcome()) {
				case TO_MEMBER -> move.member();
				case BUDGET_SPENT -> throw (attempt.lastError() != null) ? attempt.lastError()
						: unavailable(attempt, "could not admit the call and the session's switch budget is spent");
				case NO_MEMBER -> throw (attempt.lastError() != null) ? exhausted(attempt)
						: unavailable(attempt, "has no member that can take the call");
			};
		}
	}

	/**
	 * Try to admit the call at one member; a refusal is recorded on the call.
	 * @param state the member's state, read before asking it
	 * @return the admitted try, or {@code null} when the member refused
	 */
	private MemberTry tryAdmit(Attempt attempt, int candidate, MemberState state, long reservedTokens,
			long reservedAt) {
		PoolMember member = this.members.get(candidate);
		if (member.gate().tryAcquire()) {
			attempt.tried(candidate);
			return new MemberTry(attempt, candidate, member, reservedAt, reservedTokens);
		}
		attempt.reach(candidate);
		member.budget().unreserve(reservedTokens, reservedAt, this.sessions.nanoTime());
		this.listener.onMemberCall(this.poolId, member, CallOutcome.NOT_PERMITTED, attempt.mode(), 0);
		notAdmitted(attempt, member, state);
		return null;
	}

	/**
	 * A member's rate budget cannot take the call now. A wait within the quota
	 * Retry-After threshold is taken in place (once per member and call); else the call
	 * moves to a member with room, and the session with it when the member stays short
	 * past the threshold; with no member with room, the call waits for the one that frees
	 * first within the threshold, or ends at once.
	 * @param wait nanoseconds until the member's budget frees
	 * @return where the call goes, or the wait it takes
	 * @throws ModelPoolRateLimitedException when no member frees within the threshold
	 */
	private BudgetStep budgetShort(Attempt attempt, int member, long wait) {
		PoolMember shortMember = this.members.get(member);
		Duration delay = Duration.ofNanos(wait);
		boolean waitsOut = this.switching.waitsOutRateBudget(delay);
		if (waitsOut && fits(attempt, delay) && attempt.waitOut(member)) {
			return BudgetStep.waitAt(attempt, member, delay);
		}
		attempt.reach(member);
		attempt.notAdmitted(shortMember.id(), budgetSpent(wait),
				new MemberUnavailableException(this.poolId, shortMember.id(), shortMember.state()));
		long now = this.sessions.nanoTime();
		OptionalInt withRoom = this.router.failover(attempt.session().key(),
				(i) -> !attempt.reached(i) && isAvailable(i) && this.budgets.hasRoom(attempt, i, now),
				this.budgets.load);
		if (withRoom.isPresent()) {
			int target = withRoom.getAsInt();
			if (!waitsOut && attempt.session().state().active() == member) {
				AfterMove move = moveSession(attempt, member, SwitchReason.RATE_BUDGET);
				if (move.outcome() == AfterMove.Outcome.TO_MEMBER) {
					return BudgetStep.moveTo(move.member());
				}
			}
			recordFailover(member, target, SwitchReason.RATE_BUDGET);
			return BudgetStep.moveTo(target);
		}
		int soonest = -1;
		long soonestWait = Long.MAX_VALUE;
		for (int i = 0; i < this.members.size(); i++) {
			if (isAvailable(i) && attempt.triesAt(i) == 0) {
				PoolMember other = this.members.get(i);
				long memberWait = other.budget().waitNanos(this.budgets.estimate(attempt, i), now);
				if (!attempt.reached(i)) {
					attempt.reach(i);
					attempt.notAdmitted(other.id(), budgetSpent(memberWait),
							new MemberUnavailableException(this.poolId, other.id(), other.state()));
				}
				if (memberWait < soonestWait) {
					soonest = i;
					soonestWait = memberWait;
				}
			}
		}
		if (soonest >= 0) {
			Duration soonestDelay = Duration.ofNanos(Math.max(1, soonestWait));
			if (this.switching.waitsOutRateBudget(soonestDelay) && fits(attempt, soonestDelay)
					&& attempt.waitOut(soonest)) {
				if (soonest != member) {
					recordFailover(member, soonest, SwitchReason.RATE_BUDGET);
				}
				return BudgetStep.waitAt(attempt, soonest, soonestDelay);
			}
		}
		Duration retryAfter = Duration.ofNanos(Math.max(1_000_000, (soonest >= 0) ? soonestWait : wait));
		throw new ModelPoolRateLimitedException(this.poolId, retryAfter, attempt.outcomes(), attempt.errors());
	}

	private static String budgetSpent(long waitNanos) {
		return "rate budget spent (frees in " + Math.max(1, waitNanos / 1_000_000) + " ms)";
	}

	/**
	 * Where a call goes from a member whose rate budget is short.
	 *
	 * @param member the member to ask next, when the call does not wait
	 * @param pause the wait the call takes, or {@code null}
	 */
	private record BudgetStep(int member, NextTry pause) {

		static BudgetStep moveTo(int member) {
			return new BudgetStep(member, null);
		}

		static BudgetStep waitAt(Attempt attempt, int member, Duration delay) {
			return new BudgetStep(member, new NextTry(attempt, member, delay));
		}

	}

	/**
	 * Move the session off a member the call could not use. When another call already
	 * moved it, the session is left alone and this call follows it if it can; a late
	 * signal never overwrites a newer choice.
	 * @return where the call goes next
	 */
	private AfterMove moveSession(Attempt attempt, int from, SwitchReason reason) {
		Session session = attempt.session();
		while (true) {
			SessionState state = session.state();
			if (state.active() != from) {
				int current = state.active();
				return AfterMove.toMemberOrNone(
						(!attempt.reached(current) && isAvailable(current)) ? OptionalInt.of(current)
								: target(attempt, session));
			}
			if (!this.switching.allowsSwitchAfter(state.switches())) {
				return AfterMove.BUDGET_SPENT;
			}
			OptionalInt found = target(attempt, session);
			if (found.isEmpty()) {
				return AfterMove.NO_MEMBER;
			}
			int target = found.getAsInt();
			if (this.sessions.compareAndSet(session, state, state.switchedTo(target))) {
				recordSwitch(from, target, reason);
				return AfterMove.toMember(target);
			}
		}
	}

	/**
	 * Where moving a session leaves the call.
	 *
	 * @param outcome what happened
	 * @param member the member the call should try next, for {@link Outcome#TO_MEMBER}
	 * only
	 */
	private record AfterMove(Outcome outcome, int member) {

		static final AfterMove BUDGET_SPENT = new AfterMove(Outcome.BUDGET_SPENT, -1);

		static final AfterMove NO_MEMBER = new AfterMove(Outcome.NO_MEMBER, -1);

		static AfterMove toMember(int member) {
			return new AfterMove(Outcome.TO_MEMBER, member);
		}

		static AfterMove toMemberOrNone(OptionalInt member) {
			return member.isPresent() ? toMember(member.getAsInt()) : NO_MEMBER;
		}

		enum Outcome {

			/** The call goes on at {@link AfterMove#member()}. */
			TO_MEMBER,

			/** No member the call has not reached can take it. */
			NO_MEMBER,

			/** The session's switch budget is spent: it stays, and the call ends. */
			BUDGET_SPENT

		}

	}

	/**
	 * Best member this call has not reached: an available one, else one whose open
	 * breaker might admit a probe now (breakers without automatic half-open move only
	 * when asked).
	 */
	private OptionalInt target(Attempt attempt, Session session) {
		long now = this.sessions.nanoTime();
		OptionalInt target = this.router.failover(session.key(),
				(i) -> !attempt.reached(i) && isAvailable(i) && this.budgets.hasRoom(attempt, i, now),
				this.budgets.load);
		if (target.isPresent()) {
			return target;
		}
		target = this.router.failover(session.key(), (i) -> !attempt.reached(i) && isAvailable(i),
				this.budgets.load);
		if (target.isPresent()) {
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

	private void recordFailover(int from, int to, SwitchReason reason) {
		if (logger.isInfoEnabled()) {
			logger.info("Model pool '" + this.poolId + "': moved a call from member '" + this.members.get(from).id()
					+ "' to '" + this.members.get(to).id() + "' (" + reason.name().toLowerCase(Locale.ROOT) + ")");
		}
		this.listener.onFailover(this.poolId, this.members.get(from), this.members.get(to), reason);
	}

	private boolean isAvailable(int member) {
		return this.members.get(member).isAvailable();
	}

	private static long elapsed(MemberTry memberTry, long now) {
		return Math.max(0, now - memberTry.startNanos());
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
