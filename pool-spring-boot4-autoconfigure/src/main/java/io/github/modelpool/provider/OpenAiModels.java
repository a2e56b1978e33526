package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Builds declared OpenAI (and OpenAI-compatible) models on the OpenAI SDK. Loaded only
 * when Spring AI's OpenAI module is present. The base URL includes {@code /v1}.
 */
final class OpenAiModels {

	private OpenAiModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		DeclaredModelProperties.Options options = properties.getOptions();
		OpenAiChatOptions.Builder builder = OpenAiChatOptions.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.OPENAI))
			.apiKey(properties.getApiKey())
			// One attempt: the SDK would also retry 429 and wait out Retry-After; the pool fails over.
			.maxRetries(0)
			.model(properties.getModel())
			.temperature(options.getTemperature())
			.maxTokens(options.getMaxTokens())
			.topP(options.getTopP())
			.stop(options.getStopSequences())
			.frequencyPenalty(options.getFrequencyPenalty())
			.presencePenalty(options.getPresencePenalty());
		if (properties.getReadTimeout() != null) {
			builder.timeout(properties.getReadTimeout());
		}
		return OpenAiChatModel.builder()
			.options(builder.build())
			.observationRegistry(clients.observationRegistry())
			.build();
	}

}
