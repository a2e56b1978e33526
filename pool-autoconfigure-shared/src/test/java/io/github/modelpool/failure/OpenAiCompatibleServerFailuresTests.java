package io.github.modelpool.failure;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The error bodies OpenAI-compatible servers really send (vLLM, llama.cpp's server, LM
 * Studio, Groq), through Spring AI's OpenAI model of each line, blocking and streamed:
 * a prompt too long is context length, a model the server does not serve is permanent, a
 * rate limit is quota with its wait, a bad parameter is the caller's mistake.
 */
class OpenAiCompatibleServerFailuresTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	static Stream<Arguments> failures() {
		return Stream.of(
				arguments("vLLM, context length", Fault.status(400).withBody("{\"object\":\"error\",\"message\":\"This "
						+ "model's maximum context length is 4096 tokens. However, you requested 5120 tokens (4096 in "
						+ "the messages, 1024 in the completion). Please reduce the length of the messages or "
						+ "completion.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"),
						Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)),
				arguments("vLLM, decoder prompt too long", Fault.status(400).withBody("{\"error\":{\"message\":\"The "
						+ "decoder prompt (length 9254) is longer than the maximum model length of 4096. Make sure that "
						+ "`max_model_len` is no smaller than the number of text tokens.\",\"type\":\"BadRequestError\","
						+ "\"param\":null,\"code\":400}}"), Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)),
				arguments("vLLM, model not served", Fault.status(404).withBody("{\"error\":{\"message\":\"The model "
						+ "`llama-3-70b` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}}"),
						Failure.of(FailureKind.PERMANENT)),
				arguments("vLLM, bad parameter", Fault.status(400).withBody("{\"error\":{\"message\":\"temperature "
						+ "must be non-negative, got -1.0.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}"),
						Failure.of(FailureKind.REQUEST)),
				arguments("llama.cpp server, context size", Fault.status(400).withBody("{\"error\":{\"code\":400,"
						+ "\"message\":\"request (4476 tokens) exceeds the available context size (4096 tokens)\","
						+ "\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":4476,\"n_ctx\":4096}}"),
						Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)),
				arguments("LM Studio, context overflow", Fault.status(400).withBody("{\"error\":\"Trying to keep the "
						+ "first 10136 tokens when context the overflows. However, the model is loaded with context "
						+ "length of only 7866 tokens, which is not enough. Try to load the model with a larger context "
						+ "length, or provide a shorter input\"}"),
						Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)),
				arguments("Groq, context length", Fault.status(400).withBody("{\"error\":{\"message\":\"Please reduce "
						+ "the length of the messages or completion.\",\"type\":\"invalid_request_error\",\"param\":"
						+ "\"messages\",\"code\":\"context_length_exceeded\"}}"),
						Failure.of(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH)),
				arguments("Groq, model not found", Fault.status(404).withBody("{\"error\":{\"message\":\"The model "
						+ "`llama-4` does not exist or you do not have access to it.\",\"type\":"
						+ "\"invalid_request_error\",\"code\":\"model_not_found\"}}"), Failure.of(FailureKind.PERMANENT)),
				arguments("Groq, rate limit", Fault.status(429).withRetryAfter("2").withBody("{\"error\":{\"message\":"
						+ "\"Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_x` on tokens "
						+ "per minute (TPM): Limit 6000, Used 5900, Requested 400. Please try again in 3s.\",\"type\":"
						+ "\"tokens\",\"code\":\"rate_limit_exceeded\"}}"),
						new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(2))));
	}

	@ParameterizedTest(name = "{0}, blocking")
	@MethodSource("failures")
	void blockingCalls(String server, Fault fault, Failure expected) {
		ChatModel model = ProviderModels.openAi(simulator.get(), "compatible", "served-model");
		simulator.member("compatible").failNext(fault);
		assertThat(classified(catchThrowable(() -> model.call(new Prompt("hi")))))
			.isEqualTo(withStatus(expected, fault));
	}

	@ParameterizedTest(name = "{0}, streamed")
	@MethodSource("failures")
	void streams(String server, Fault fault, Failure expected) {
		ChatModel model = ProviderModels.openAi(simulator.get(), "compatible", "served-model");
		simulator.member("compatible").failNext(fault);
		assertThat(classified(catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)))))
			.isEqualTo(withStatus(expected, fault));
	}

	private Failure classified(Throwable error) {
		assertThat(error).isNotNull();
		return this.classifier.classify(error);
	}

	private static Failure withStatus(Failure expected, Fault fault) {
		return new Failure(expected.kind(), fault.status(), expected.retryAfter(), expected.detail());
	}

}
