package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.failure.MemberTimeoutException;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.failure.TruncatedStreamException;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ReplyWriter;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderErrors;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.RecordingListener;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The faults providers really produce, through pools of real Spring AI OpenAI and
 * Anthropic models, blocking and streamed: what the pool rescues and how. Member
 * {@code p} is every conversation's home; {@code f} is failover-only.
 */
class ModelPoolRescueTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String ANSWER = "one two three four five six seven eight nine ten";

	private static final TimeoutPolicy SHORT_LIMITS = new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1),
			null);

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final RecordingListener listener = new RecordingListener();

	enum Api {

		OPENAI, ANTHROPIC

	}

	@BeforeEach
	void answerWithTheSameTextEverywhere() {
		simulator.get().replies((member, request) -> ANSWER);
	}

	@AfterEach
	void echoAgain() {
		simulator.get().replies(ReplyWriter.ECHO);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aResetBeforeAnyAnswerIsRetriedOnTheSameMember(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.NONE));
		simulator.member("p").failNext(Fault.reset());
		assertThat(servedBy(call(pool, "reset-call"))).isEqualTo("p");
		simulator.member("p").failNext(Fault.reset());
		List<ChatResponse> streamed = stream(pool, "reset-stream");
		assertThat(textOf(streamed)).isEqualTo(ANSWER);
		assertThat(membersOf(streamed)).containsExactly("p");
		assertThat(simulator.member("f").requestCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aServerErrorOnceIsRetriedOnTheSameMemberAfterABackoff(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.NONE));
		simulator.member("p").failNext(Fault.status(500));
		assertThat(servedBy(call(pool, "500-call"))).isEqualTo("p");
		simulator.member("p").failNext(Fault.status(500));
		assertThat(membersOf(stream(pool, "500-stream"))).containsExactly("p");
		assertThat(this.listener.events()).containsExactly("retry p transient", "retry p transient");
		assertThat(simulator.member("f").requestCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aSilentMemberTimesOutAndTheStreamMovesWithoutRetryingIt(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.NONE), (builder) -> builder.timeouts(SHORT_LIMITS));
		simulator.member("p").fail(Fault.noAnswer());
		List<ChatResponse> streamed = stream(pool, "silent");
		assertThat(textOf(streamed)).isEqualTo(ANSWER);
		assertThat(membersOf(streamed)).containsExactly("f");
		assertThat(simulator.member("p").requestCount()).as("a timeout is never retried there").isEqualTo(1);
		assertThat(this.listener.events()).containsExactly("timeout p first_token", "failover p->f timeout");
		assertThat(pool.snapshot().switches()).as("the session stays home").isZero();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aSlowFirstTokenFailsOverAtTheFirstTokenLimit(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.NONE), (builder) -> builder.timeouts(SHORT_LIMITS));
		simulator.member("p").fail(Fault.delay(Duration.ofSeconds(6)));
		assertThat(membersOf(stream(pool, "slow"))).containsExactly("f");
		assertThat(pool.getMember("p").orElseThrow().lastFailure().message()).contains("first-token timeout");
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aStreamCutMidAnswerIsContinuedByAMemberThatAcceptsPrefill(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.PREFILL));
		simulator.member("p").fail(Fault.cutStreamAfter(5));
		List<ChatResponse> streamed = stream(pool, "cut");
		assertThat(textOf(streamed)).as("one whole answer").isEqualTo(ANSWER);
		assertThat(membersOf(streamed)).containsExactly("p", "f");
		String prefill = simulator.member("f").requests().get(0).trailingAssistantText();
		assertThat(prefill).isNotBlank();
		assertThat(ANSWER).startsWith(prefill);
		assertThat(this.listener.events()).contains("failover p->f continuation");
	}

	@ParameterizedTest
	@EnumSource(Fault.Ending.class)
	void everyWayAStreamBreaksMidAnswerIsContinued(Fault.Ending ending) {
		if (ending == Fault.Ending.COMPLETE) {
			return;
		}
		ModelPool pool = pool(Api.OPENAI, failoverOnly(Continuation.PREFILL),
				(builder) -> builder.timeouts(SHORT_LIMITS));
		simulator.member("p").fail(new Fault(200, null, null, Duration.ZERO, ending, 4, Fault.Problem.NONE));
		List<ChatResponse> streamed = stream(pool, "broken-" + ending);
		assertThat(textOf(streamed)).isEqualTo(ANSWER);
		assertThat(membersOf(streamed)).containsExactly("p", "f");
		assertThat(pool.getMember("p").orElseThrow().failedCalls()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void withoutAPrefillMemberACutStreamEndsPromptlyWithItsOwnError(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.NONE));
		simulator.member("p").fail(Fault.cutStreamAfter(5));
		List<ChatResponse> received = new CopyOnWriteArrayList<>();
		Throwable error = catchThrowable(() -> streamFlux(pool, "cut-alone").doOnNext(received::add)
			.blockLast(TIMEOUT));
		assertThat(error).isNotNull().isNotInstanceOf(ModelPoolException.class);
		assertThat(received).isNotEmpty();
		assertThat(textOf(received)).isNotEqualTo(ANSWER);
		assertThat(simulator.member("f").requestCount()).as("never spliced").isZero();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aContinuationMemberThatRejectsPrefillNeverReplacesTheOriginalError(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.PREFILL), (builder) -> builder.timeouts(SHORT_LIMITS));
		simulator.member("p").fail(Fault.stallAfter(5));
		simulator.member("f").fail(Fault.rejectPrefill());
		Throwable error = catchThrowable(() -> streamFlux(pool, "rejected").blockLast(TIMEOUT));
		assertThat(error).isInstanceOfSatisfying(MemberTimeoutException.class,
				(timeout) -> assertThat(timeout.getKind()).isEqualTo(TimeoutKind.IDLE));
		assertThat(simulator.member("f").requests()).hasSize(1)
			.allSatisfy((request) -> assertThat(request.trailingAssistantText()).isNotNull());
		assertThat(pool.getMember("f").orElseThrow().state()).as("its refusal is no failure of f")
			.isEqualTo(MemberState.CLOSED);
	}

	@Test
	void aStreamThatEndsWithoutAFinishReasonIsAFailureNeverAWholeAnswer() {
		ModelPool pool = pool(Api.ANTHROPIC, failoverOnly(Continuation.NONE));
		simulator.member("p").fail(Fault.endWithoutFinishAfter(4));
		assertThatThrownBy(() -> streamFlux(pool, "truncated").blockLast(TIMEOUT))
			.isInstanceOf(TruncatedStreamException.class)
			.hasMessageContaining("'p'");
		assertThat(pool.getMember("p").orElseThrow().failedCalls()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aContextLengthErrorMovesTheCallToALargerWindowWithoutBlameAndTheSessionStays(Api api) {
		ModelPool pool = pool(api,
				new RouteMember("f", 1, MemberRole.FAILOVER_ONLY, 200_000, Continuation.NONE));
		simulator.member("p").fail(Fault.contextLengthExceeded());
		assertThat(servedBy(call(pool, "long-call"))).isEqualTo("f");
		assertThat(membersOf(stream(pool, "long-call"))).containsExactly("f");
		assertThat(simulator.member("p").requestCount()).as("never retried").isEqualTo(2);
		assertThat(pool.getMember("p").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.isZero();
		assertThat(pool.snapshot().switches()).isZero();
		assertThat(this.listener.events()).containsExactly("failover p->f context_length",
				"failover p->f context_length");
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aContextLengthErrorReachesTheCallerWhenNoMemberHasALargerWindow(Api api) {
		ModelPool pool = pool(api, new RouteMember("f", 1, MemberRole.FAILOVER_ONLY, 8_000, Continuation.NONE));
		simulator.member("p").fail(Fault.contextLengthExceeded());
		assertThatThrownBy(() -> call(pool, "too-long"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 400));
		assertThat(simulator.member("f").requestCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aContentFilterErrorReachesTheCallerUnchangedWithoutRetryOrFailover(Api api) {
		ModelPool pool = pool(api, new RouteMember("f", 1, MemberRole.FAILOVER_ONLY, 200_000, Continuation.PREFILL));
		simulator.member("p").fail(Fault.contentFiltered());
		assertThatThrownBy(() -> call(pool, "filtered"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 400));
		assertThatThrownBy(() -> streamFlux(pool, "filtered").blockLast(TIMEOUT))
			.satisfies((error) -> ProviderErrors.assertStreamError(error, 400));
		assertThat(simulator.member("p").requestCount()).isEqualTo(2);
		assertThat(simulator.member("f").requestCount()).isZero();
		assertThat(pool.getMember("p").orElseThrow().state()).isEqualTo(MemberState.CLOSED);
		assertThat(this.listener.events()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aWholeCallLimitEndsAHangingCallAndCancelsTheMembersRequest(Api api) {
		ModelPool pool = pool(api, failoverOnly(Continuation.NONE),
				(builder) -> builder.timeouts(new TimeoutPolicy(null, null, Duration.ofMillis(800))));
		simulator.member("p").fail(Fault.noAnswer());
		simulator.member("f").fail(Fault.noAnswer());
		assertThatThrownBy(() -> call(pool, "hanging")).isInstanceOfSatisfying(MemberTimeoutException.class,
				(timeout) -> assertThat(timeout.getKind()).isEqualTo(TimeoutKind.CALL));
		assertThatThrownBy(() -> streamFlux(pool, "hanging").blockLast(TIMEOUT))
			.isInstanceOfSatisfying(MemberTimeoutException.class,
					(timeout) -> assertThat(timeout.getKind()).isEqualTo(TimeoutKind.CALL));
		assertThat(this.listener.events()).containsExactly("timeout p call", "timeout p call");
	}

	@Test
	void aPrimaryDownForAMinuteLosesNoCallAndServesAgainWithinFifteenSecondsOfRecovering() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "outage");
		simulator.get().clock(fixture.time());
		ModelPool pool = fixture.member(new RouteMember("p", 1, MemberRole.MEMBER), model(Api.OPENAI, "p"))
			.member(failoverOnly(Continuation.NONE), model(Api.OPENAI, "f"))
			.build((builder) -> builder.listener(this.listener));
		simulator.member("p").failFor(Fault.status(503), Duration.ofSeconds(60));
		List<Integer> servedByPrimaryAt = new ArrayList<>();
		for (int second = 0; second <= 100; second += 4) {
			ChatResponse response = call(pool, "conversation-" + second);
			assertThat(response.getResult().getOutput().getText()).isEqualTo(ANSWER);
			if ("p".equals(servedBy(response))) {
				servedByPrimaryAt.add(second);
			}
			fixture.time().advance(Duration.ofSeconds(4));
		}
		assertThat(servedByPrimaryAt).isNotEmpty().allSatisfy((second) -> assertThat(second).isGreaterThanOrEqualTo(60));
		assertThat(servedByPrimaryAt.get(0)).as("first answer of the recovered primary").isLessThanOrEqualTo(60 + 15);
		assertThat(pool.getMember("p").orElseThrow().state()).isEqualTo(MemberState.CLOSED);
	}

	private ModelPool pool(Api api, RouteMember spare) {
		return pool(api, spare, UnaryOperator.identity());
	}

	private ModelPool pool(Api api, RouteMember spare, UnaryOperator<ModelPool.Builder> customizer) {
		return new PoolFixture(new SimulatedModels(simulator.get()), "rescue")
			.member(new RouteMember("p", 1, MemberRole.MEMBER, 8_000, Continuation.NONE), model(api, "p"))
			.member(spare, model(api, "f"))
			.build((builder) -> customizer.apply(builder.listener(this.listener)));
	}

	private static RouteMember failoverOnly(Continuation continuation) {
		return new RouteMember("f", 1, MemberRole.FAILOVER_ONLY, null, continuation);
	}

	private static ChatModel model(Api api, String member) {
		return (api == Api.OPENAI) ? ProviderModels.openAi(simulator.get(), member, "gpt-" + member)
				: ProviderModels.anthropic(simulator.get(), member, "claude-" + member);
	}

	private static ChatResponse call(ModelPool pool, String conversation) {
		return ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("tell me")));
	}

	private static Flux<ChatResponse> streamFlux(ModelPool pool, String conversation) {
		return pool.stream(new Prompt("tell me")).contextWrite(ModelPoolContext.conversation(conversation));
	}

	private static List<ChatResponse> stream(ModelPool pool, String conversation) {
		return streamFlux(pool, conversation).collectList().block(TIMEOUT);
	}

	private static String servedBy(ChatResponse response) {
		return response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

	private static List<String> membersOf(List<ChatResponse> responses) {
		return responses.get(responses.size() - 1).getMetadata().get(ModelPool.MEMBERS_METADATA_KEY);
	}

	private static String textOf(List<ChatResponse> responses) {
		return responses.stream()
			.map((response) -> (response.getResult() != null && response.getResult().getOutput().getText() != null)
					? response.getResult().getOutput().getText() : "")
			.collect(Collectors.joining());
	}

}
