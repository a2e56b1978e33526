package io.github.modelpool.provider;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Builds declared Anthropic models on the Anthropic SDK. Loaded only when Spring AI's
 * Anthropic module is present.
 */
final class AnthropicModels {

	private AnthropicModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		DeclaredModelProperties.Options options = properties.getOptions();
		AnthropicChatOptions.Builder builder = AnthropicChatOptions.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.ANTHROPIC))
			.apiKey(properties.getApiKey())
			// One attempt: the SDK would also retry 429 and wait out Retry-After; the pool fails over.
			.maxRetries(0)
			.model(properties.getModel())
			.maxTokens((options.getMaxTokens() != null) ? options.getMaxTokens() : AnthropicChatOptions.DEFAULT_MAX_TOKENS)
			.temperature(options.getTemperature())
			.topP(options.getTopP())
			.topK(options.getTopK())
			.stopSequences(options.getStopSequences());
		if (properties.getReadTimeout() != null) {
			builder.timeout(properties.getReadTimeout());
		}
		return AnthropicChatModel.builder()
			.options(builder.build())
			.observationRegistry(clients.observationRegistry())
			.build();
	}

}
