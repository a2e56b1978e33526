package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.LimitReading;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureDetail;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.Router;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.session.Session;
import io.github.modelpool.session.SessionTable;
import io.github.modelpool.support.FakeTime;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every decision of the attempt loop, on fake time: members never called, failures
 * classified as each test says.
 */
class DispatcherTests {

	private static final ChatModel NEVER_CALLED = (prompt) -> {
		throw new AssertionError("the dispatcher does not call members");
	};

	private final FakeTime time = new FakeTime();

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig
		.from(MemberCircuitBreakers.POOL_DEFAULTS)
		.clock(this.time)
		.automaticTransitionFromOpenToHalfOpenEnabled(false)
		.build());

	private final List<PoolMember> members = new ArrayList<>();

	private final Map<String, AccountBudget> budgets = new HashMap<>();

	private SwitchPolicy switching = SwitchPolicy.DEFAULTS;

	private RetryPolicy retry = RetryPolicy.DEFAULTS;

	private TimeoutPolicy timeouts = TimeoutPolicy.DEFAULTS;

	private RoutingPolicy routing = RoutingPolicy.DEFAULTS;

	private SessionTable sessions;

	@Test
	void aConversationStartsAtItsHomeEveryTime() {
		Dispatcher dispatcher = dispatcher("a", "b", "c");
		MemberTry first = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		dispatcher.succeeded(first, TokenCounts.NONE, LimitReading.NONE);
		MemberTry second = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		assertThat(second.index()).isEqualTo(first.index());
		assertThat(second.index()).isEqualTo(router().home("thread-1", 0, (i) -> true));
	}

	@Test
	void aTransientFailureIsRetriedOnTheSameMemberAfterTheBackoff() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		AfterFailure after = dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), true);
		assertThat(after.next().member()).isEqualTo(home.index());
		assertThat(after.next().delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(after.error()).isNull();
	}

	@Test
	void aTransientFailureMovesTheCallButNotTheSessionOnceRetriesAreSpent() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		MemberTry again = resume(dispatcher, dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), true).next());
		AfterFailure after = dispatcher.failed(again, new Fails(Failure.of(FailureKind.TRANSIENT)), true);
		assertThat(after.next().member()).isNotEqualTo(home.index());
		assertThat(after.next().delay()).isZero();
		assertThat(session("thread-1").state().active()).isEqualTo(home.index());
		assertThat(dispatcher.switches()).isZero();
	}

	@Test
	void theLastMemberFailingEndsTheCallWithEveryMembersOutcome() {
		this.retry = new RetryPolicy(1, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2));
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		MemberTry other = resume(dispatcher, dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), true).next());
		AfterFailure after = dispatcher.failed(other, new Fails(Failure.of(FailureKind.TRANSIENT)), true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isInstanceOf(ModelPoolExhaustedException.class)
			.hasMessageContaining("a: TRANSIENT")
			.hasMessageContaining("b: TRANSIENT");
	}

	@Test
	void aLoneMembersOwnErrorReachesTheCallerWhenNoOtherMemberIsLeft() {
		this.retry = new RetryPolicy(1, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2));
		Dispatcher dispatcher = dispatcher("a");
		Fails failure = new Fails(Failure.of(FailureKind.TRANSIENT));
		AfterFailure after = dispatcher.failed(begin(dispatcher, RoutingKeys.NONE, CallMode.CALL, null), failure, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(failure);
	}

	@Test
	void aShortRetryAfterIsWaitedOutOnceAtHomeThenTheSessionMoves() {
		Dispatcher dispatcher = dispatcher("a", "b");
		Failure quota = new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(2));
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		AfterFailure first = dispatcher.failed(home, new Fails(quota), true);
		assertThat(first.next().member()).isEqualTo(home.index());
		assertThat(first.next().delay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(dispatcher.switches()).isZero();

		this.time.advance(first.next().delay());
		AfterFailure second = dispatcher.failed(resume(dispatcher, first.next()), new Fails(quota), true);
		assertThat(second.next().member()).isNotEqualTo(home.index());
		assertThat(session("thread-1").state().active()).isEqualTo(second.next().member());
		assertThat(dispatcher.switches()).isOne();
	}

	@Test
	void aLongRetryAfterMovesTheSessionAtOnce() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		AfterFailure after = dispatcher.failed(home,
				new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofMinutes(1))), true);
		assertThat(after.next().member()).isNotEqualTo(home.index());
		assertThat(after.next().delay()).isZero();
		assertThat(session("thread-1").state().active()).isEqualTo(after.next().member());
	}

	@Test
	void quotaWithoutSwitchingLeavesTheSessionAndEndsTheCall() {
		this.switching = SwitchPolicy.builder().onQuota(false).build();
		Dispatcher dispatcher = dispatcher("a", "b");
		Fails quota = new Fails(new Failure(FailureKind.QUOTA, 429, null));
		AfterFailure after = dispatcher.failed(begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null),
				quota, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(quota);
		assertThat(dispatcher.switches()).isZero();
	}

	@Test
	void aPermanentFailureQuarantinesTheMemberAndMovesTheSession() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		AfterFailure after = dispatcher.failed(home, new Fails(new Failure(FailureKind.PERMANENT, 401, null)), true);
		assertThat(home.member().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(after.next().member()).isNotEqualTo(home.index());
		assertThat(session("thread-1").state().active()).isEqualTo(after.next().member());
	}

	@Test
	void aCallersMistakeEndsTheCallUnchangedAndBlamesNobody() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		Fails mistake = new Fails(new Failure(FailureKind.REQUEST, 400, null));
		AfterFailure after = dispatcher.failed(home, mistake, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(mistake);
		assertThat(home.member().state()).isEqualTo(MemberState.CLOSED);
		assertThat(home.member().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(session("thread-1").state().active()).isEqualTo(home.index());
	}

	@Test
	void aContextLengthErrorMovesTheCallToTheLargestWindowWithoutTheSession() {
		this.members.add(member(new RouteMember("small", 1, MemberRole.MEMBER, 8_000, Continuation.NONE)));
		this.members.add(member(new RouteMember("medium", 1, MemberRole.MEMBER, 32_000, Continuation.NONE)));
		this.members.add(member(new RouteMember("large", 1, MemberRole.MEMBER, 128_000, Continuation.NONE)));
		Dispatcher dispatcher = dispatcher();
		String key = conversationHomedAt(dispatcher, 0);
		MemberTry home = begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null);
		AfterFailure after = dispatcher.failed(home,
				new Fails(Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)), true);
		assertThat(this.members.get(after.next().member()).id()).isEqualTo("large");
		assertThat(session(key).state().active()).isZero();
		assertThat(home.member().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aStreamThatEmittedCannotMoveButItsSessionStillDoes() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.STREAM, null);
		Fails quota = new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofMinutes(1)));
		AfterFailure after = dispatcher.failed(home, quota, false);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(quota);
		assertThat(session("thread-1").state().active()).isNotEqualTo(home.index());
	}

	@Test
	void nothingStartsThatTheCallsDeadlineWouldCutShort() {
		this.timeouts = new TimeoutPolicy(null, null, Duration.ofSeconds(1));
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		this.time.advance(Duration.ofMillis(900));
		Fails transientFailure = new Fails(Failure.of(FailureKind.TRANSIENT));
		AfterFailure after = dispatcher.failed(home, transientFailure, true);
		// the 200 ms backoff would end past the deadline: the call moves on at once instead
		assertThat(after.next().member()).isNotEqualTo(home.index());
		assertThat(after.next().delay()).isZero();

		MemberTry other = resume(dispatcher, after.next());
		this.time.advance(Duration.ofMillis(200));
		AfterFailure late = dispatcher.failed(other, transientFailure, true);
		assertThat(late.next()).isNull();
		assertThat(dispatcher.remainingNanos(other.attempt())).isNotPositive();
	}

	@Test
	void aSpentSwitchBudgetKeepsTheSessionAndEndsTheCallWithTheMembersError() {
		this.switching = SwitchPolicy.builder().maxSwitchesPerSession(0).build();
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		Fails quota = new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofMinutes(1)));
		AfterFailure after = dispatcher.failed(home, quota, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(quota);
		assertThat(session("thread-1").state().active()).isEqualTo(home.index());
	}

	@Test
	void aTryEndsOnceHoweverOftenItIsReported() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		Fails failure = new Fails(Failure.of(FailureKind.TRANSIENT));
		dispatcher.failed(home, failure, true);
		AfterFailure again = dispatcher.failed(home, failure, true);
		dispatcher.succeeded(home, TokenCounts.NONE, LimitReading.NONE);
		dispatcher.cancelled(home);
		assertThat(again.next()).isNull();
		assertThat(home.member().failedCalls()).isOne();
		assertThat(home.member().succeededCalls()).isZero();
	}

	@Test
	void aMovedSessionGoesBackHomeAfterItWasIdleLongEnough() {
		this.routing = new RoutingPolicy(HomeStrategy.DETERMINISTIC, RoutingPolicy.DEFAULTS.stickyScope(), 100,
				Duration.ofHours(1), Duration.ofMinutes(5));
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null);
		MemberTry away = resume(dispatcher, dispatcher
			.failed(home, new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofMinutes(1))), true)
			.next());
		dispatcher.succeeded(away, TokenCounts.NONE, LimitReading.NONE);
		this.time.advance(Duration.ofMinutes(2));
		assertThat(begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null).index())
			.isEqualTo(away.index());
		this.time.advance(Duration.ofMinutes(6));
		assertThat(begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null).index())
			.isEqualTo(home.index());
	}

	@Test
	void aQuarantinedHomeIsSkippedAtAdmissionAndTheSessionMoves() {
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null), TokenCounts.NONE, LimitReading.NONE);
		this.members.get(0).quarantine(Duration.ofMinutes(5));
		MemberTry admitted = begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null);
		assertThat(admitted.index()).isOne();
		assertThat(session(key).state().home()).isZero();
		assertThat(session(key).state().active()).isOne();
	}

	@Test
	void noMemberThatCanTakeTheCallEndsItAtOnceNamingEachMember() {
		Dispatcher dispatcher = dispatcher("a", "b");
		this.members.forEach((member) -> member.quarantine(Duration.ofMinutes(5)));
		assertThatThrownBy(() -> begin(dispatcher, RoutingKeys.conversation("thread-1"), CallMode.CALL, null))
			.isInstanceOf(ModelPoolUnavailableException.class)
			.hasMessageContaining("a: QUARANTINED")
			.hasMessageContaining("b: QUARANTINED");
	}

	@Test
	void aBrokenStreamContinuesOnlyAtAMemberThatAcceptsPrefill() {
		this.members.add(member(new RouteMember("a", 1, MemberRole.MEMBER, null, Continuation.NONE)));
		this.members.add(member(new RouteMember("b", 1, MemberRole.MEMBER, null, Continuation.PREFILL)));
		this.members.add(member(new RouteMember("c", 1, MemberRole.MEMBER, null, Continuation.NONE)));
		Dispatcher dispatcher = dispatcher();
		String key = conversationHomedAt(dispatcher, 0);
		MemberTry home = begin(dispatcher, RoutingKeys.conversation(key), CallMode.STREAM, null);
		dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), false);
		assertThat(dispatcher.continuation(home.attempt(), home.index())).get()
			.extracting((next) -> next.member().id())
			.isEqualTo("b");
		assertThat(dispatcher.continuation(home.attempt(), home.index())).isEmpty();
	}

	@Test
	void aHomeWhoseBudgetFreesWithinTheThresholdIsWaitedForInPlace() {
		this.budgets.put("a", new AccountBudget("a", RateLimits.perMinute(1L, null)));
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null), TokenCounts.NONE,
				LimitReading.NONE);
		this.time.advance(Duration.ofSeconds(59));
		Admission second = dispatcher.begin(RoutingKeys.conversation(key), CallMode.CALL, null);
		assertThat(second).isInstanceOf(NextTry.class);
		NextTry wait = (NextTry) second;
		assertThat(wait.member()).isZero();
		assertThat(wait.delay()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
		this.time.advance(wait.delay());
		assertThat(resume(dispatcher, wait).index()).isZero();
		assertThat(dispatcher.switches()).isZero();
		assertThat(this.members.get(1).gate().inflight()).isZero();
	}

	@Test
	void aHomeShortPastTheThresholdLosesTheCallAndTheSessionToAMemberWithRoom() {
		this.budgets.put("a", new AccountBudget("a", RateLimits.perMinute(1L, null)));
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null), TokenCounts.NONE,
				LimitReading.NONE);
		MemberTry second = begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null);
		assertThat(second.member().id()).isEqualTo("b");
		assertThat(session(key).state().active()).isEqualTo(1);
		assertThat(dispatcher.switches()).isOne();
	}

	@Test
	void noMemberWithBudgetEndsTheCallAtOnceWithTheSoonestTimeOneFrees() {
		this.budgets.put("a", new AccountBudget("a", RateLimits.perMinute(1L, null)));
		this.budgets.put("b", new AccountBudget("b", RateLimits.perMinute(1L, null)));
		Dispatcher dispatcher = dispatcher("a", "b");
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation("x"), CallMode.CALL, null), TokenCounts.NONE,
				LimitReading.NONE);
		this.time.advance(Duration.ofSeconds(20));
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation("y"), CallMode.CALL, null), TokenCounts.NONE,
				LimitReading.NONE);
		assertThatThrownBy(() -> dispatcher.begin(RoutingKeys.conversation("z"), CallMode.CALL, null))
			.isInstanceOfSatisfying(ModelPoolRateLimitedException.class, (ex) -> {
				// a frees a minute after the end of the slot of its call, 20 s ago.
				assertThat(ex.getRetryAfter()).isGreaterThan(Duration.ofSeconds(40))
					.isLessThanOrEqualTo(Duration.ofSeconds(43));
				assertThat(ex.getRetryAfterSeconds()).isBetween(41L, 43L);
				assertThat(ex.getMemberFailures()).containsOnlyKeys("a", "b");
			});
		assertThat(this.members).allSatisfy((member) -> assertThat(member.gate().inflight()).isZero());
	}

	@Test
	void aNewConversationIsNotHomedAtAMemberWithoutBudget() {
		this.budgets.put("a", new AccountBudget("a", RateLimits.perMinute(1L, null)));
		Dispatcher dispatcher = dispatcher("a", "b");
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation(conversationHomedAt(dispatcher, 0)),
				CallMode.CALL, null), TokenCounts.NONE, LimitReading.NONE);
		String next;
		for (int i = 0;; i++) {
			next = "new-" + i;
			if (router().home(next, 0, (index) -> true) == 0) {
				break;
			}
		}
		MemberTry first = begin(dispatcher, RoutingKeys.conversation(next), CallMode.CALL, null);
		assertThat(first.member().id()).isEqualTo("b");
		assertThat(session(next).state().home()).isEqualTo(1);
		assertThat(dispatcher.switches()).isZero();
	}

	@Test
	void aQuarantinedHomeWhoseBudgetIsShortIsLeftAtOnceNotWaitedFor() {
		this.budgets.put("a", new AccountBudget("a", RateLimits.perMinute(1L, null)));
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null), TokenCounts.NONE,
				LimitReading.NONE);
		this.time.advance(Duration.ofSeconds(59));
		this.members.get(0).quarantine(Duration.ofMinutes(5));
		Admission next = dispatcher.begin(RoutingKeys.conversation(key), CallMode.CALL, null);
		assertThat(next).isInstanceOfSatisfying(MemberTry.class,
				(admitted) -> assertThat(admitted.member().id()).isEqualTo("b"));
	}

	@Test
	void twoMembersOverOneChatModelShareItsBudget() {
		AccountBudget shared = new AccountBudget("shared", RateLimits.perMinute(1L, null));
		this.budgets.put("a", shared);
		this.budgets.put("b", shared);
		this.budgets.put("c", new AccountBudget("c", RateLimits.perMinute(1L, null)));
		Dispatcher dispatcher = dispatcher("a", "b", "c");
		String homedAtA = conversationHomedAt(dispatcher, 0);
		dispatcher.succeeded(begin(dispatcher, RoutingKeys.conversation(homedAtA), CallMode.CALL, null),
				TokenCounts.NONE, LimitReading.NONE);
		String homedAtB = conversationHomedAt(dispatcher, 1);
		assertThat(begin(dispatcher, RoutingKeys.conversation(homedAtB), CallMode.CALL, null).member().id())
			.isEqualTo("c");
	}

	@Test
	void aRateLimitedAnswerHoldsTheAccountSoTheNextCallDoesNotSpendARequestToLearnIt() {
		this.switching = SwitchPolicy.builder().onQuota(false).build();
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		MemberTry home = begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null);
		dispatcher.failed(home, new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(30))), true);
		MemberTry next = begin(dispatcher, RoutingKeys.conversation(key), CallMode.CALL, null);
		assertThat(next.member().id()).isEqualTo("b");
		assertThat(this.members.get(0).budget().snapshot(this.time.read()).heldFor()).isPositive();
	}

	@Test
	void anOverloadedProviderDoesNotHoldTheAccount() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = begin(dispatcher, RoutingKeys.conversation("x"), CallMode.CALL, null);
		dispatcher.failed(home, new Fails(new Failure(FailureKind.QUOTA, 529, null)), true);
		assertThat(home.member().budget().isTracking()).isFalse();
	}

	@Test
	void leastLoadedHomesGoToTheLessBusyOfTheKeysTwoBestMembers() {
		this.routing = new RoutingPolicy(HomeStrategy.LEAST_LOADED, this.routing.stickyScope(),
				this.routing.maxSessions(), this.routing.sessionIdleTimeout(), null);
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		MemberTry busy = begin(dispatcher, RoutingKeys.conversation("other"), CallMode.CALL, null);
		int busyIndex = busy.index();
		// One call in flight at one member: every new conversation homes at the other.
		for (int i = 0; i < 20; i++) {
			MemberTry call = begin(dispatcher, RoutingKeys.conversation(key + "-" + i), CallMode.CALL, null);
			assertThat(call.index()).isNotEqualTo(busyIndex);
			dispatcher.cancelled(call);
		}
		dispatcher.cancelled(busy);
		// Idle again: keys go back to choosing between their two best members by score.
		assertThat(IntStream.range(0, 200)
			.map((i) -> begin(dispatcher, RoutingKeys.conversation("spread-" + i), CallMode.CALL, null).index())
			.distinct()
			.count()).isEqualTo(2);
	}

	private Dispatcher dispatcher(String... ids) {
		for (String id : ids) {
			this.members.add(member(new RouteMember(id, 1, MemberRole.MEMBER)));
		}
		return dispatcher();
	}

	private Dispatcher dispatcher() {
		this.sessions = new SessionTable(this.routing.maxSessions(), this.routing.sessionIdleTimeout(), this.time);
		return new Dispatcher("pool", this.members, router(),
				new PoolPolicies(this.routing, this.switching, this.retry, this.timeouts), this.sessions,
				(error) -> ((Fails) error).failure, PoolListener.NONE, () -> 0.0);
	}

	private Router router() {
		return new Router(this.members.stream().map(PoolMember::route).toList(), this.routing.home());
	}

	private PoolMember member(RouteMember route) {
		return PoolMember
			.builder(route, NEVER_CALLED, new MemberCircuitBreakers(this.breakers).forMember("pool", route.id()))
			.chatModelName(route.id() + "ChatModel")
			.clock(this.time)
			.budget(this.budgets.get(route.id()))
			.build();
	}

	private Session session(String key) {
		return this.sessions.find(key);
	}

	/**
	 * A conversation id whose deterministic home is the given member.
	 */
	private String conversationHomedAt(Dispatcher dispatcher, int member) {
		Router router = router();
		for (int i = 0;; i++) {
			String key = "thread-" + i;
			if (router.home(key, 0, (index) -> true) == member) {
				return key;
			}
		}
	}

	/** A member failure that classifies as the test says. */
	private static final class Fails extends RuntimeException {

		private final Failure failure;

		Fails(Failure failure) {
			super(failure.kind().name());
			this.failure = failure;
		}

	}

	private static MemberTry begin(Dispatcher dispatcher, RoutingKeys keys, CallMode mode, Prompt prompt) {
		return (MemberTry) dispatcher.begin(keys, mode, prompt);
	}

	private static MemberTry resume(Dispatcher dispatcher, NextTry next) {
		return (MemberTry) dispatcher.resume(next);
	}

}
