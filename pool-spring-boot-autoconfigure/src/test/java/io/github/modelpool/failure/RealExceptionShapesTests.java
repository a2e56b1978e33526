package io.github.modelpool.failure;

import java.time.Duration;

import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The exceptions Spring AI's real models throw for provider errors, built with Spring
 * AI's own default error handling, and what the default classifier makes of them.
 */
class RealExceptionShapesTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	@Test
	void openAiBlockingErrorsFromThePlainBuilder() {
		ChatModel model = plainOpenAi();
		simulator.member("openai").failNext(Fault.status(429));
		Throwable quota = catchThrowable(() -> model.call(new Prompt("hi")));
		assertThat(quota).hasMessageStartingWith("429 - ");
		assertThat(this.classifier.classify(quota)).isEqualTo(new Failure(FailureKind.QUOTA, 429, null));
		simulator.member("openai").failNext(Fault.status(401));
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))).kind())
			.isEqualTo(FailureKind.PERMANENT);
		simulator.member("openai").failNext(Fault.status(500));
		assertThat(this.classifier.classify(catchThrowable(() -> model.call(new Prompt("hi")))).kind())
			.isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void openAiStreamingErrorKeepsStatusAndRetryAfter() {
		ChatModel model = plainOpenAi();
		simulator.member("openai").failNext(Fault.status(429).withRetryAfter("7"));
		Throwable error = catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));
		assertThat(error).isInstanceOf(WebClientResponseException.class);
		assertThat(this.classifier.classify(error))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(7)));
	}

	@Test
	void anthropicStreamingErrorCarriesTheStatusInItsMessage() {
		ChatModel model = plainAnthropic();
		simulator.member("anthropic").failNext(Fault.status(529));
		Throwable error = catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));
		assertThat(error).hasMessageContaining("Status: [529");
		assertThat(this.classifier.classify(error).kind()).isEqualTo(FailureKind.QUOTA);
		simulator.member("anthropic").failNext(Fault.status(404));
		assertThat(this.classifier
			.classify(catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10))))
			.kind()).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void streamCutMidAnswerIsTransient() {
		ChatModel model = plainOpenAi();
		simulator.member("openai").failNext(Fault.cutStreamAfter(2));
		Throwable error = catchThrowable(() -> model.stream(new Prompt("tell me more")).blockLast(Duration.ofSeconds(10)));
		assertThat(error).isInstanceOf(WebClientResponseException.class).hasMessageContaining("200 OK");
		assertThat(this.classifier.classify(error).kind()).isEqualTo(FailureKind.TRANSIENT);
	}

	private static ChatModel plainOpenAi() {
		return OpenAiChatModel.builder()
			.openAiApi(OpenAiApi.builder().baseUrl(simulator.baseUrl("openai")).apiKey("k").build())
			.defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
			.retryTemplate(ProviderModels.noRetry())
			.build();
	}

	private static ChatModel plainAnthropic() {
		return AnthropicChatModel.builder()
			.anthropicApi(AnthropicApi.builder().baseUrl(simulator.baseUrl("anthropic")).apiKey("k").build())
			.defaultOptions(AnthropicChatOptions.builder().model("claude-3-5-haiku-latest").maxTokens(100).build())
			.retryTemplate(ProviderModels.noRetry())
			.build();
	}

}
