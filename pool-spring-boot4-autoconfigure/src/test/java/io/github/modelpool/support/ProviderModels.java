package io.github.modelpool.support;

import io.github.modelpool.simulator.ProviderSimulator;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Real Spring AI 2.0 chat models, on the providers' SDKs, talking HTTP to simulated
 * members, without the SDKs' retries (the pool fails over instead).
 */
public final class ProviderModels {

	private ProviderModels() {
	}

	public static String apiKeyOf(String member) {
		return "test-key-" + member;
	}

	/**
	 * The base URL an OpenAI model of this line is configured with: Spring AI 2.0's
	 * includes {@code /v1}.
	 * @param memberBaseUrl the simulated member's base URL
	 * @return the OpenAI base URL
	 */
	public static String openAiBaseUrl(String memberBaseUrl) {
		return memberBaseUrl + "/v1";
	}

	public static OpenAiChatModel openAi(ProviderSimulator simulator, String member, String model) {
		return openAi(simulator, member, model, ObservationRegistry.NOOP);
	}

	public static OpenAiChatModel openAi(ProviderSimulator simulator, String member, String model,
			ObservationRegistry observationRegistry) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(openAiBaseUrl(simulator.baseUrl(member)))
				.apiKey(apiKeyOf(member))
				.maxRetries(0)
				.model(model)
				.build())
			.observationRegistry(observationRegistry)
			.build();
	}

	public static AnthropicChatModel anthropic(ProviderSimulator simulator, String member, String model) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(simulator.baseUrl(member))
				.apiKey(apiKeyOf(member))
				.maxRetries(0)
				.model(model)
				.maxTokens(256)
				.build())
			.build();
	}

}
