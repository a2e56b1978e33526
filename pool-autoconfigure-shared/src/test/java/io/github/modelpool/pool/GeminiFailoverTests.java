package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.failure.DefaultFailureClassifier;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring AI's Google GenAI model on each line (Google's Gen AI SDK, the Gemini API over
 * HTTP to the simulator) in a pool: each kind of failure moves calls and conversations
 * as OpenAI's do, blocking and streamed.
 */
class GeminiFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String BAD_KEY = "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a "
			+ "valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
			+ "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}";

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	@ParameterizedTest
	@EnumSource(Mode.class)
	void rateLimitMovesTheConversationWithoutRetryingTheMember(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").fail(Fault.status(429));
		assertThat(mode.answer(pool, "t")).isEqualTo("gemini-b");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
		assertThat(mode.answer(pool, "t")).as("the conversation lives on b now").isEqualTo("gemini-b");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void anOverloadedModelIsTreatedAsQuota(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").fail(Fault.status(503));
		assertThat(mode.answer(pool, "t")).isEqualTo("gemini-b");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aShortRetryDelayInTheErrorBodyIsWaitedOutOnTheSameMember(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").failNext(Fault.status(429).withRetryAfter("1"));
		assertThat(mode.answer(pool, "t")).isEqualTo("gemini-a");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(2);
		assertThat(simulator.member("gemini-b").requestCount()).isZero();
		assertThat(pool.snapshot().switches()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void theRetryDelayIsReadFromTheErrorBody(Mode mode) {
		ChatModel model = ProviderModels.gemini(simulator.get(), "gemini-a", "gemini-2.0-flash");
		simulator.member("gemini-a").failNext(Fault.status(429).withRetryAfter("7"));
		Throwable error = catchThrowable(() -> mode.callDirectly(model));
		assertThat(this.classifier.classify(error)).isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(7)));
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aRejectedKeyQuarantinesTheMember(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").fail(Fault.status(400).withBody(BAD_KEY));
		assertThat(mode.answer(pool, "t")).isEqualTo("gemini-b");
		assertThat(pool.getMember("a").orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(mode.answer(pool, "other")).as("no conversation goes to a").isEqualTo("gemini-b");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void unauthenticatedAndForbiddenAreAsPermanent(Mode mode) {
		for (int status : new int[] { 401, 403, 404 }) {
			ModelPool pool = pool();
			simulator.member("gemini-a").fail(Fault.status(status));
			assertThat(mode.answer(pool, "t")).isEqualTo("gemini-b");
			assertThat(pool.getMember("a").orElseThrow().state()).as("after %d", status)
				.isEqualTo(MemberState.QUARANTINED);
			simulator.get().reset();
		}
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aServerErrorIsRetriedThenTheCallMovesButNotTheConversation(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").fail(Fault.status(500));
		assertThat(mode.answer(pool, "t")).isEqualTo("gemini-b");
		assertThat(simulator.member("gemini-a").requestCount()).as("a try and one retry").isEqualTo(2);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aCallersMistakeReachesTheCallerAndBlamesNoMember(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").fail(Fault.status(400));
		Throwable thrown = catchThrowable(() -> mode.answer(pool, "t"));
		assertThat(thrown).hasRootCauseInstanceOf(com.google.genai.errors.ClientException.class);
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
		assertThat(simulator.member("gemini-b").requestCount()).isZero();
		assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aPromptTooLongMovesTheCallToTheLargerWindow(Mode mode) {
		ModelPool pool = pool();
		simulator.member("gemini-a").fail(Fault.contextLengthExceeded());
		assertThat(mode.answer(pool, "t")).isEqualTo("gemini-b");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void aStreamCutAfterItsFirstChunkIsNeverSplicedAndCountsAgainstItsMember() {
		ModelPool pool = pool();
		// Chunks spaced out, and enough of them: Spring AI 2.0's Gemini stream reads a chunk or
		// two ahead of what it emits (a cut after two chunks fails it before any output, and
		// the pool rescues it whole).
		simulator.member("gemini-a").chunkDelay(Duration.ofMillis(50)).fail(Fault.cutStreamAfter(4));
		List<ChatResponse> received = new CopyOnWriteArrayList<>();
		assertThatThrownBy(() -> pool.stream(new Prompt("a long answer please"))
			.contextWrite(ModelPoolContext.conversation("t"))
			.doOnNext(received::add)
			.blockLast(TIMEOUT)).isNotNull();
		assertThat(received).isNotEmpty().allSatisfy((response) -> assertThat(Mode.servedBy(response)).isEqualTo("gemini-a"));
		assertThat(simulator.member("gemini-b").requestCount()).isZero();
		assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.isEqualTo(1);
	}

	/**
	 * Members {@code a} (home of every conversation, 8,000 tokens) and {@code b} (200,000
	 * tokens), each a Gemini model on its own simulated account.
	 */
	private static ModelPool pool() {
		return new PoolFixture(simulator.get(), "assistant")
			.member(new RouteMember("a", 1, MemberRole.MEMBER, 8_000, Continuation.NONE),
					ProviderModels.gemini(simulator.get(), "gemini-a", "gemini-2.0-flash"))
			.member(new RouteMember("b", 1, MemberRole.MEMBER, 200_000, Continuation.NONE),
					ProviderModels.gemini(simulator.get(), "gemini-b", "gemini-2.5-pro"))
			.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.FIRST_HEALTHY, StickyScope.THREAD, 100,
					Duration.ofHours(1), null)));
	}

	/**
	 * A blocking call or a stream, answering the simulated account that wrote the answer.
	 */
	enum Mode {

		CALL {

			@Override
			String answer(ModelPool pool, String conversation) {
				return writer(ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("hi"))));
			}

			@Override
			void callDirectly(ChatModel model) {
				model.call(new Prompt("hi"));
			}

		},

		STREAM {

			@Override
			String answer(ModelPool pool, String conversation) {
				List<ChatResponse> chunks = pool.stream(new Prompt("hi"))
					.contextWrite(ModelPoolContext.conversation(conversation))
					.collectList()
					.block(TIMEOUT);
				StringBuilder text = new StringBuilder();
				chunks.forEach((chunk) -> text.append(textOf(chunk)));
				return writerOf(text.toString());
			}

			@Override
			void callDirectly(ChatModel model) {
				model.stream(new Prompt("hi")).blockLast(TIMEOUT);
			}

		};

		abstract String answer(ModelPool pool, String conversation);

		abstract void callDirectly(ChatModel model);

		static String servedBy(ChatResponse response) {
			return "gemini-" + response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		}

		private static String writer(ChatResponse response) {
			return writerOf(textOf(response));
		}

		private static String textOf(ChatResponse response) {
			return (response.getResult() != null && response.getResult().getOutput().getText() != null)
					? response.getResult().getOutput().getText() : "";
		}

		/** The simulated account named by the echo, {@code [gemini-a] You said: hi}. */
		private static String writerOf(String text) {
			assertThat(text).startsWith("[");
			return text.substring(1, text.indexOf(']'));
		}

	}

}
