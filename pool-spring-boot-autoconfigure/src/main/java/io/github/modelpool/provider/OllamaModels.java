package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;

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
		return OllamaChatModel.builder()
			.ollamaApi(api)
			.defaultOptions(OllamaOptions.of(properties))
			.retryTemplate(clients.retryTemplate())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

}
