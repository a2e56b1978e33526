package io.github.modelpool.failure;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.deepseek.DeepSeekChatModel;
import org.springframework.ai.deepseek.api.DeepSeekApi;
import org.springframework.ai.minimax.MiniMaxChatModel;
import org.springframework.ai.minimax.MiniMaxChatOptions;
import org.springframework.ai.minimax.api.MiniMaxApi;
import org.springframework.ai.mistralai.MistralAiChatModel;
import org.springframework.ai.mistralai.api.MistralAiApi;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Spring AI 1.1's RestClient-based Mistral, DeepSeek and MiniMax models, given the starter's
 * status-keeping error handler as their auto-configurations give it, fail with the
 * provider's status and headers intact, blocking and streamed, so the pool classifies
 * them as OpenAI's.
 */
class RestClientProviderFailuresTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	static Stream<Arguments> models() {
		return Stream.of(arguments("mistral", (Function<String, ChatModel>) RestClientProviderFailuresTests::mistral),
				arguments("deepseek", (Function<String, ChatModel>) RestClientProviderFailuresTests::deepSeek),
				arguments("minimax", (Function<String, ChatModel>) RestClientProviderFailuresTests::miniMax));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("models")
	void blockingFailuresKeepStatusAndRetryAfter(String member, Function<String, ChatModel> models) {
		ChatModel model = models.apply(member);
		simulator.member(member).failNext(Fault.status(429).withRetryAfter("3"));
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(3)));
		simulator.member(member).failNext(Fault.status(401));
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))).kind())
			.isEqualTo(FailureKind.PERMANENT);
		simulator.member(member).failNext(Fault.status(503));
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))).kind())
			.isEqualTo(FailureKind.TRANSIENT);
		simulator.member(member).failNext(Fault.status(400));
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))))
			.isEqualTo(new Failure(FailureKind.REQUEST, 400, null, FailureDetail.NONE));
		simulator.member(member).failNext(Fault.contextLengthExceeded());
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))).detail())
			.isEqualTo(FailureDetail.CONTEXT_LENGTH);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("models")
	void streamedFailuresKeepStatusAndRetryAfter(String member, Function<String, ChatModel> models) {
		ChatModel model = models.apply(member);
		simulator.member(member).failNext(Fault.status(429).withRetryAfter("4"));
		assertThat(this.classifier.classify(streamError(model)))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(4)));
		simulator.member(member).failNext(Fault.status(401));
		assertThat(this.classifier.classify(streamError(model)).kind()).isEqualTo(FailureKind.PERMANENT);
		simulator.member(member).failNext(Fault.status(503));
		assertThat(this.classifier.classify(streamError(model)).kind()).isEqualTo(FailureKind.TRANSIENT);
		simulator.member(member).failNext(Fault.status(400));
		assertThat(this.classifier.classify(streamError(model)))
			.isEqualTo(new Failure(FailureKind.REQUEST, 400, null, FailureDetail.NONE));
		simulator.member(member).failNext(Fault.contextLengthExceeded());
		assertThat(this.classifier.classify(streamError(model)).detail()).isEqualTo(FailureDetail.CONTEXT_LENGTH);
	}

	private static Throwable streamError(ChatModel model) {
		return catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));
	}

	/**
	 * MiniMax reports some failures (rate limit 1002, bad key 1004, balance 1008) as HTTP
	 * 200 with the code in {@code base_resp}; Spring AI 1.1's model answers them with no
	 * generation and drops the code, so the pool sees an empty answer: never a success,
	 * retried once, then the call moves.
	 */
	@Test
	void miniMaxErrorsInsideAnHttp200ReachThePoolAsEmptyAnswers() {
		Fault inBody = Fault.status(200).withBody("{\"id\":\"0\",\"choices\":null,\"base_resp\":"
				+ "{\"status_code\":1002,\"status_msg\":\"rate limit exceeded(RPM)\"}}");
		simulator.member("minimax-a").fail(inBody);
		assertThat(miniMax("minimax-a").call(new Prompt("hi")).getResults()).isEmpty();
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "minimax")
			.member(new RouteMember("a", 1, MemberRole.MEMBER), miniMax("minimax-a"))
			.member(new RouteMember("b", 1, MemberRole.MEMBER), miniMax("minimax-b"))
			.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.FIRST_HEALTHY, StickyScope.THREAD, 100,
					Duration.ofHours(1), null)));
		ChatResponse answer = ModelPoolContext.withConversation("t", () -> pool.call(new Prompt("hi")));
		assertThat(answer.getResult().getOutput().getText()).isEqualTo("[minimax-b] You said: hi");
		assertThat(simulator.member("minimax-a").requestCount()).as("one direct call, a try and a retry")
			.isEqualTo(3);
	}

	private static ChatModel mistral(String member) {
		return MistralAiChatModel.builder()
			.mistralAiApi(MistralAiApi.builder()
				.baseUrl(simulator.get().baseUrl(member))
				.apiKey("test-key")
				.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
				.build())
			.retryTemplate(oneAttempt())
			.build();
	}

	private static ChatModel deepSeek(String member) {
		return DeepSeekChatModel.builder()
			.deepSeekApi(DeepSeekApi.builder()
				.baseUrl(simulator.get().baseUrl(member) + "/v1")
				.apiKey("test-key")
				.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
				.build())
			.retryTemplate(oneAttempt())
			.build();
	}

	private static ChatModel miniMax(String member) {
		MiniMaxApi api = new MiniMaxApi(simulator.get().baseUrl(member), "test-key", RestClient.builder(),
				StatusPreservingResponseErrorHandler.likeSpringAiDefaults());
		return new MiniMaxChatModel(api, MiniMaxChatOptions.builder().model("abab6.5s-chat").build(),
				ToolCallingManager.builder().build(), oneAttempt());
	}

	private static RetryTemplate oneAttempt() {
		return RetryTemplate.builder().maxAttempts(1).build();
	}

}
