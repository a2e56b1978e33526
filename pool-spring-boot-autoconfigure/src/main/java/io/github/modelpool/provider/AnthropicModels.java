package io.github.modelpool.provider;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Builds declared Anthropic models. Loaded only when Spring AI's Anthropic module is
 * present.
 */
final class AnthropicModels {

	private AnthropicModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		AnthropicApi api = AnthropicApi.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.ANTHROPIC))
			.apiKey(properties.getApiKey())
			.restClientBuilder(clients.restClient())
			.webClientBuilder(clients.webClient())
			.responseErrorHandler(clients.errorHandler())
			.build();
		DeclaredModelProperties.Options options = properties.getOptions();
		return AnthropicChatModel.builder()
			.anthropicApi(api)
			.defaultOptions(AnthropicChatOptions.builder()
				.model(properties.getModel())
				.maxTokens((options.getMaxTokens() != null) ? options.getMaxTokens()
						: AnthropicChatModel.DEFAULT_MAX_TOKENS)
				.temperature(options.getTemperature())
				.topP(options.getTopP())
				.topK(options.getTopK())
				.stopSequences(options.getStopSequences())
				.build())
			.retryTemplate(clients.retryTemplate())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

}
