package io.github.modelpool.failure;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.deepseek.DeepSeekChatModel;
import org.springframework.ai.deepseek.api.DeepSeekApi;
import org.springframework.ai.mistralai.MistralAiChatModel;
import org.springframework.ai.mistralai.api.MistralAiApi;
import org.springframework.retry.support.RetryTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Spring AI 1.1's RestClient-based Mistral and DeepSeek models, given the starter's
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
				arguments("deepseek", (Function<String, ChatModel>) RestClientProviderFailuresTests::deepSeek));
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
		simulator.member(member).failNext(Fault.contextLengthExceeded());
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))).detail())
			.isEqualTo(FailureDetail.CONTEXT_LENGTH);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("models")
	void streamedFailuresKeepStatusAndRetryAfter(String member, Function<String, ChatModel> models) {
		ChatModel model = models.apply(member);
		simulator.member(member).failNext(Fault.status(429).withRetryAfter("4"));
		Throwable error = catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));
		assertThat(this.classifier.classify(error))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(4)));
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

	private static RetryTemplate oneAttempt() {
		return RetryTemplate.builder().maxAttempts(1).build();
	}

}
