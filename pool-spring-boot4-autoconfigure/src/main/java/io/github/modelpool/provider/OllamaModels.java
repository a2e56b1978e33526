package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;

/**
 * Builds declared Ollama models. Loaded only when Spring AI's Ollama module is present.
 */
final class OllamaModels {

	private OllamaModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		OllamaApi api = OllamaApi.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.OLLAMA))
			.restClientBuilder(clients.restClient())
			.webClientBuilder(clients.webClient())
			.responseErrorHandler(clients.errorHandler())
			.build();
		DeclaredModelProperties.Options options = properties.getOptions();
		return OllamaChatModel.builder()
			.ollamaApi(api)
			.options(OllamaChatOptions.builder()
				.model(properties.getModel())
				.temperature(options.getTemperature())
				.numPredict(options.getMaxTokens())
				.topP(options.getTopP())
				.topK(options.getTopK())
				.stop(options.getStopSequences())
				.frequencyPenalty(options.getFrequencyPenalty())
				.presencePenalty(options.getPresencePenalty())
				.build())
			.retryTemplate(clients.retryTemplate())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

}
