package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.google.api.gax.rpc.StatusCode.Code;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderSdkErrors;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The service exceptions of the Google Gen AI (Gemini), AWS (Bedrock), azure-core (Azure
 * OpenAI) and gax (Vertex AI Gemini) SDKs, thrown by a member, move calls and
 * conversations through a pool as OpenAI's do, blocking and streamed, on both lines:
 * quota moves the conversation without retrying the member, a permanent failure
 * quarantines it, a transient one is retried and then moves the call, a caller's mistake
 * reaches the caller unchanged and blames nobody, a prompt too long moves the call to
 * the larger window.
 */
class ProviderSdkFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	static Stream<Arguments> quota() {
		return withModes(ProviderSdkErrors.gemini(429, "RESOURCE_EXHAUSTED", "Quota exceeded"),
				bedrock(429, "ThrottlingException", "Too many requests"),
				bedrock(400, "ServiceQuotaExceededException", "Your request exceeds the service quota"),
				ProviderSdkErrors.azure(429, "{\"error\":{\"code\":\"429\"}}", Map.of()),
				ProviderSdkErrors.vertex(Code.RESOURCE_EXHAUSTED, "Quota exceeded"));
	}

	static Stream<Arguments> permanent() {
		return withModes(ProviderSdkErrors.gemini(400, "INVALID_ARGUMENT", "API key not valid."),
				bedrock(403, "AccessDeniedException", "Access denied"),
				ProviderSdkErrors.azure(404, "{\"error\":{\"code\":\"DeploymentNotFound\"}}", Map.of()),
				ProviderSdkErrors.vertex(Code.UNAUTHENTICATED, "No credentials"));
	}

	static Stream<Arguments> transientFailures() {
		return withModes(ProviderSdkErrors.gemini(500, "INTERNAL", "Internal error"),
				bedrock(503, "ServiceUnavailableException", "Service unavailable"),
				ProviderSdkErrors.azure(500, "{\"error\":{}}", Map.of()),
				ProviderSdkErrors.vertex(Code.UNAVAILABLE, "Unavailable"));
	}

	static Stream<Arguments> callersMistakes() {
		return withModes(ProviderSdkErrors.gemini(400, "INVALID_ARGUMENT", "Invalid value at 'temperature'"),
				bedrock(400, "ValidationException", "Malformed input request"),
				ProviderSdkErrors.azure(400, "{\"error\":{\"code\":\"invalid_request_error\"}}", Map.of()),
				ProviderSdkErrors.vertex(Code.INVALID_ARGUMENT, "Bad request"));
	}

	static Stream<Arguments> contextLength() {
		return withModes(
				ProviderSdkErrors.gemini(400, "INVALID_ARGUMENT",
						"The input token count (9000) exceeds the maximum number of tokens allowed (8192)."),
				bedrock(400, "ValidationException", "Input is too long for requested model."),
				ProviderSdkErrors.azure(400, "{\"error\":{\"code\":\"context_length_exceeded\"}}", Map.of()),
				ProviderSdkErrors.vertex(Code.INVALID_ARGUMENT,
						"The input token count (40000) exceeds the maximum number of tokens allowed (32768)."));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("quota")
	void quotaMovesTheConversationWithoutRetryingTheMember(RuntimeException error, Mode mode) {
		Members members = new Members(error);
		assertThat(mode.answer(members.pool, "t")).isEqualTo("b");
		assertThat(members.failingCalls()).isEqualTo(1);
		assertThat(mode.answer(members.pool, "t")).as("the conversation lives on b now").isEqualTo("b");
		assertThat(members.failingCalls()).isEqualTo(1);
		assertThat(members.pool.snapshot().switches()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("permanent")
	void permanentFailuresQuarantineTheMember(RuntimeException error, Mode mode) {
		Members members = new Members(error);
		assertThat(mode.answer(members.pool, "t")).isEqualTo("b");
		assertThat(members.failingCalls()).isEqualTo(1);
		assertThat(members.pool.getMember("a").orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(mode.answer(members.pool, "other")).as("no conversation goes to a").isEqualTo("b");
		assertThat(members.failingCalls()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transientFailures")
	void transientFailuresAreRetriedThenTheCallMoves(RuntimeException error, Mode mode) {
		Members members = new Members(error);
		assertThat(mode.answer(members.pool, "t")).isEqualTo("b");
		assertThat(members.failingCalls()).as("a try and one retry").isEqualTo(2);
		assertThat(members.pool.snapshot().switches()).as("the conversation stays home").isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("callersMistakes")
	void callersMistakesReachTheCallerUnchangedAndBlameNoMember(RuntimeException error, Mode mode) {
		Members members = new Members(error);
		Throwable thrown = catchThrowable(() -> mode.answer(members.pool, "t"));
		assertThat(thrown).isSameAs(error);
		assertThat(members.failingCalls()).isEqualTo(1);
		assertThat(members.answeringCalls).hasValue(0);
		assertThat(members.pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("contextLength")
	void aPromptTooLongMovesTheCallToTheLargerWindow(RuntimeException error, Mode mode) {
		Members members = new Members(error);
		assertThat(mode.answer(members.pool, "t")).isEqualTo("b");
		assertThat(members.failingCalls()).isEqualTo(1);
		assertThat(members.pool.snapshot().switches()).as("the conversation stays home").isZero();
		assertThat(members.pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.isZero();
	}

	private static RuntimeException bedrock(int status, String errorCode, String message) {
		return ProviderSdkErrors.bedrock(status, errorCode, message, Map.of());
	}

	private static Stream<Arguments> withModes(RuntimeException... errors) {
		return Stream.of(errors).flatMap((error) -> Stream.of(Mode.values()).map((mode) -> arguments(error, mode)));
	}

	/**
	 * A blocking call or a stream, answering the serving member's id.
	 */
	enum Mode {

		CALL {

			@Override
			String answer(ModelPool pool, String conversation) {
				return servedBy(ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("hi"))));
			}

		},

		STREAM {

			@Override
			String answer(ModelPool pool, String conversation) {
				List<ChatResponse> chunks = pool.stream(new Prompt("hi"))
					.contextWrite(ModelPoolContext.conversation(conversation))
					.collectList()
					.block(TIMEOUT);
				return servedBy(chunks.get(chunks.size() - 1));
			}

		};

		abstract String answer(ModelPool pool, String conversation);

		private static String servedBy(ChatResponse response) {
			return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		}

	}

	/**
	 * A pool whose conversations all start on {@code a} (first healthy, 8,000 tokens),
	 * which fails with the SDK's exception, and {@code b} (200,000 tokens), which answers.
	 */
	private static final class Members {

		final AtomicInteger failingCalls = new AtomicInteger();

		final AtomicInteger answeringCalls = new AtomicInteger();

		final ModelPool pool;

		Members(RuntimeException error) {
			ChatModel failing = new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					Members.this.failingCalls.incrementAndGet();
					throw error;
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.<ChatResponse>defer(() -> Flux.error(error))
						.doOnSubscribe((subscription) -> Members.this.failingCalls.incrementAndGet());
				}

			};
			ChatModel answering = new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					Members.this.answeringCalls.incrementAndGet();
					return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"),
							ChatGenerationMetadata.builder().finishReason("STOP").build())));
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.defer(() -> Flux.just(call(prompt)));
				}

			};
			this.pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
				.member(new RouteMember("a", 1, MemberRole.MEMBER, 8_000, Continuation.NONE), failing)
				.member(new RouteMember("b", 1, MemberRole.MEMBER, 200_000, Continuation.NONE), answering)
				.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.FIRST_HEALTHY, StickyScope.THREAD,
						100, Duration.ofHours(1), null)));
		}

		int failingCalls() {
			return this.failingCalls.get();
		}

	}

}
