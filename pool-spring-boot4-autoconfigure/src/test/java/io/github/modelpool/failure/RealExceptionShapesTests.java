package io.github.modelpool.failure;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import com.anthropic.errors.AnthropicServiceException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The exceptions Spring AI 2.0's OpenAI and Anthropic models (on the providers' SDKs)
 * really throw for each provider fault, recorded from the real clients talking HTTP to
 * the simulator, and how the default classifier reads them.
 */
class RealExceptionShapesTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	@Test
	void openAiBlockingErrorsAreTheSdksServiceExceptionsWithStatusAndHeaders() {
		ChatModel model = ProviderModels.openAi(simulator.get(), "openai", "gpt-4o-mini");
		simulator.member("openai").failNext(Fault.status(429).withRetryAfter("7"));
		Throwable quota = catchThrowable(() -> model.call(new Prompt("hi")));
		assertThat(quota).isInstanceOf(RateLimitException.class);
		assertThat(this.classifier.classify(quota))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(7)));
		assertKind(model, 401, FailureKind.PERMANENT, false);
		assertKind(model, 403, FailureKind.PERMANENT, false);
		assertKind(model, 404, FailureKind.PERMANENT, false);
		assertKind(model, 500, FailureKind.TRANSIENT, false);
		assertKind(model, 503, FailureKind.TRANSIENT, false);
		assertKind(model, 400, FailureKind.REQUEST, false);
		assertKind(model, 422, FailureKind.REQUEST, false);
	}

	@Test
	void openAiStreamingErrorsArriveWrappedInCompletionExceptionAndKeepRetryAfter() {
		ChatModel model = ProviderModels.openAi(simulator.get(), "openai", "gpt-4o-mini");
		simulator.member("openai").failNext(Fault.status(429).withRetryAfter("7"));
		Throwable error = catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));
		assertThat(error).isInstanceOf(CompletionException.class).hasCauseInstanceOf(RateLimitException.class);
		assertThat(this.classifier.classify(error))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(7)));
		assertKind(model, 401, FailureKind.PERMANENT, true);
		assertKind(model, 500, FailureKind.TRANSIENT, true);
		assertKind(model, 400, FailureKind.REQUEST, true);
	}

	@Test
	void anthropicErrorsAreTheSdksServiceExceptionsAndOverloadIsQuota() {
		ChatModel model = ProviderModels.anthropic(simulator.get(), "anthropic", "claude-3-5-haiku-latest");
		simulator.member("anthropic").failNext(Fault.status(529));
		Throwable overloaded = catchThrowable(() -> model.call(new Prompt("hi")));
		assertThat(overloaded).isInstanceOf(AnthropicServiceException.class);
		assertThat(this.classifier.classify(overloaded).kind()).isEqualTo(FailureKind.QUOTA);
		assertKind(model, 429, FailureKind.QUOTA, false);
		assertKind(model, 401, FailureKind.PERMANENT, false);
		assertKind(model, 404, FailureKind.PERMANENT, false);
		assertKind(model, 500, FailureKind.TRANSIENT, false);
		assertKind(model, 400, FailureKind.REQUEST, false);
		assertKind(model, 529, FailureKind.QUOTA, true);
		assertKind(model, 404, FailureKind.PERMANENT, true);
		assertKind(model, 400, FailureKind.REQUEST, true);
	}

	@Test
	void streamCutMidAnswerIsTransient() {
		ChatModel model = ProviderModels.openAi(simulator.get(), "openai", "gpt-4o-mini");
		simulator.member("openai").failNext(Fault.cutStreamAfter(2));
		Throwable error = catchThrowable(() -> model.stream(new Prompt("tell me more")).blockLast(Duration.ofSeconds(10)));
		assertThat(error).isNotNull().isNotInstanceOf(OpenAIServiceException.class);
		assertThat(this.classifier.classify(error).kind()).isEqualTo(FailureKind.TRANSIENT);
	}

	private void assertKind(ChatModel model, int status, FailureKind kind, boolean stream) {
		String member = (model.getOptions().getModel().startsWith("claude")) ? "anthropic" : "openai";
		simulator.member(member).failNext(Fault.status(status));
		Throwable error = catchThrowable(() -> {
			if (stream) {
				model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10));
			}
			else {
				model.call(new Prompt("hi"));
			}
		});
		assertThat(error).as("status %d", status).isNotNull();
		Failure failure = this.classifier.classify(error);
		assertThat(failure.kind()).as("status %d, %s", status, error).isEqualTo(kind);
		assertThat(failure.status()).isEqualTo(status);
	}

}
