package io.github.modelpool.benchmarks;

import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;
import io.github.modelpool.simulator.ProviderSimulator;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.retry.support.RetryTemplate;

/**
 * Real Spring AI models talking HTTP to the provider simulator, for the benchmark mains.
 */
final class SimulatorModels {

	private SimulatorModels() {
	}

	/**
	 * An OpenAI model of one simulated account, with Spring AI's own retries off (the pool
	 * retries).
	 * @param simulator the simulator
	 * @param member the simulator's member: the account
	 * @return the model, its default model {@code gpt-<member>}
	 */
	static ChatModel openAi(ProviderSimulator simulator, String member) {
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(simulator.baseUrl(member))
			.apiKey("benchmark-key-" + member)
			.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
			.build();
		return OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder().model("gpt-" + member).build())
			.retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
			.build();
	}

}
