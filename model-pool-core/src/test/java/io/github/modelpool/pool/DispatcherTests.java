package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

	private SwitchPolicy switching = SwitchPolicy.DEFAULTS;

	private RetryPolicy retry = RetryPolicy.DEFAULTS;

	private TimeoutPolicy timeouts = TimeoutPolicy.DEFAULTS;

	private RoutingPolicy routing = RoutingPolicy.DEFAULTS;

	private SessionTable sessions;

	@Test
	void aConversationStartsAtItsHomeEveryTime() {
		Dispatcher dispatcher = dispatcher("a", "b", "c");
		MemberTry first = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		dispatcher.succeeded(first, TokenCounts.NONE);
		MemberTry second = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		assertThat(second.index()).isEqualTo(first.index());
		assertThat(second.index()).isEqualTo(router().home("thread-1", 0, (i) -> true));
	}

	@Test
	void aTransientFailureIsRetriedOnTheSameMemberAfterTheBackoff() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		AfterFailure after = dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), true);
		assertThat(after.next().member()).isEqualTo(home.index());
		assertThat(after.next().delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(after.error()).isNull();
	}

	@Test
	void aTransientFailureMovesTheCallButNotTheSessionOnceRetriesAreSpent() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		MemberTry again = dispatcher
			.resume(dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), true).next());
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
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		MemberTry other = dispatcher
			.resume(dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), true).next());
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
		AfterFailure after = dispatcher.failed(dispatcher.begin(RoutingKeys.NONE, CallMode.CALL), failure, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(failure);
	}

	@Test
	void aShortRetryAfterIsWaitedOutOnceAtHomeThenTheSessionMoves() {
		Dispatcher dispatcher = dispatcher("a", "b");
		Failure quota = new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(2));
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		AfterFailure first = dispatcher.failed(home, new Fails(quota), true);
		assertThat(first.next().member()).isEqualTo(home.index());
		assertThat(first.next().delay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(dispatcher.switches()).isZero();

		AfterFailure second = dispatcher.failed(dispatcher.resume(first.next()), new Fails(quota), true);
		assertThat(second.next().member()).isNotEqualTo(home.index());
		assertThat(session("thread-1").state().active()).isEqualTo(second.next().member());
		assertThat(dispatcher.switches()).isOne();
	}

	@Test
	void aLongRetryAfterMovesTheSessionAtOnce() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
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
		AfterFailure after = dispatcher.failed(dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL),
				quota, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(quota);
		assertThat(dispatcher.switches()).isZero();
	}

	@Test
	void aPermanentFailureQuarantinesTheMemberAndMovesTheSession() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		AfterFailure after = dispatcher.failed(home, new Fails(new Failure(FailureKind.PERMANENT, 401, null)), true);
		assertThat(home.member().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(after.next().member()).isNotEqualTo(home.index());
		assertThat(session("thread-1").state().active()).isEqualTo(after.next().member());
	}

	@Test
	void aCallersMistakeEndsTheCallUnchangedAndBlamesNobody() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
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
		MemberTry home = dispatcher.begin(RoutingKeys.conversation(key), CallMode.CALL);
		AfterFailure after = dispatcher.failed(home,
				new Fails(Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)), true);
		assertThat(this.members.get(after.next().member()).id()).isEqualTo("large");
		assertThat(session(key).state().active()).isZero();
		assertThat(home.member().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aStreamThatEmittedCannotMoveButItsSessionStillDoes() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.STREAM);
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
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		this.time.advance(Duration.ofMillis(900));
		Fails transientFailure = new Fails(Failure.of(FailureKind.TRANSIENT));
		AfterFailure after = dispatcher.failed(home, transientFailure, true);
		// the 200 ms backoff would end past the deadline: the call moves on at once instead
		assertThat(after.next().member()).isNotEqualTo(home.index());
		assertThat(after.next().delay()).isZero();

		MemberTry other = dispatcher.resume(after.next());
		this.time.advance(Duration.ofMillis(200));
		AfterFailure late = dispatcher.failed(other, transientFailure, true);
		assertThat(late.next()).isNull();
		assertThat(dispatcher.remainingNanos(other.attempt())).isNotPositive();
	}

	@Test
	void aSpentSwitchBudgetKeepsTheSessionAndEndsTheCallWithTheMembersError() {
		this.switching = SwitchPolicy.builder().maxSwitchesPerSession(0).build();
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		Fails quota = new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofMinutes(1)));
		AfterFailure after = dispatcher.failed(home, quota, true);
		assertThat(after.next()).isNull();
		assertThat(after.error()).isSameAs(quota);
		assertThat(session("thread-1").state().active()).isEqualTo(home.index());
	}

	@Test
	void aTryEndsOnceHoweverOftenItIsReported() {
		Dispatcher dispatcher = dispatcher("a", "b");
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		Fails failure = new Fails(Failure.of(FailureKind.TRANSIENT));
		dispatcher.failed(home, failure, true);
		AfterFailure again = dispatcher.failed(home, failure, true);
		dispatcher.succeeded(home, TokenCounts.NONE);
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
		MemberTry home = dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL);
		MemberTry away = dispatcher.resume(dispatcher
			.failed(home, new Fails(new Failure(FailureKind.QUOTA, 429, Duration.ofMinutes(1))), true)
			.next());
		dispatcher.succeeded(away, TokenCounts.NONE);
		this.time.advance(Duration.ofMinutes(2));
		assertThat(dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL).index())
			.isEqualTo(away.index());
		this.time.advance(Duration.ofMinutes(6));
		assertThat(dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL).index())
			.isEqualTo(home.index());
	}

	@Test
	void aQuarantinedHomeIsSkippedAtAdmissionAndTheSessionMoves() {
		Dispatcher dispatcher = dispatcher("a", "b");
		String key = conversationHomedAt(dispatcher, 0);
		dispatcher.succeeded(dispatcher.begin(RoutingKeys.conversation(key), CallMode.CALL), TokenCounts.NONE);
		this.members.get(0).quarantine(Duration.ofMinutes(5));
		MemberTry admitted = dispatcher.begin(RoutingKeys.conversation(key), CallMode.CALL);
		assertThat(admitted.index()).isOne();
		assertThat(session(key).state().home()).isZero();
		assertThat(session(key).state().active()).isOne();
	}

	@Test
	void noMemberThatCanTakeTheCallEndsItAtOnceNamingEachMember() {
		Dispatcher dispatcher = dispatcher("a", "b");
		this.members.forEach((member) -> member.quarantine(Duration.ofMinutes(5)));
		assertThatThrownBy(() -> dispatcher.begin(RoutingKeys.conversation("thread-1"), CallMode.CALL))
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
		MemberTry home = dispatcher.begin(RoutingKeys.conversation(key), CallMode.STREAM);
		dispatcher.failed(home, new Fails(Failure.of(FailureKind.TRANSIENT)), false);
		assertThat(dispatcher.continuation(home.attempt(), home.index())).get()
			.extracting((next) -> next.member().id())
			.isEqualTo("b");
		assertThat(dispatcher.continuation(home.attempt(), home.index())).isEmpty();
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
		return new PoolMember(route, route.id() + "ChatModel", NEVER_CALLED, null,
				new MemberCircuitBreakers(this.breakers).forMember("pool", route.id()), this.time);
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

}
