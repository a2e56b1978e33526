package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;

/**
 * Builds declared Ollama chat and embedding models. Loaded only when Spring AI's Ollama
 * module is present.
 */
final class OllamaModels {

	private OllamaModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		return OllamaChatModel.builder()
			.ollamaApi(api(properties, clients))
			.defaultOptions(OllamaOptions.of(properties))
			.retryTemplate(clients.retryTemplate())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

	/**
	 * A declared embedding model. Ollama answers its model's own vector length.
	 */
	static EmbeddingModel createEmbedding(DeclaredEmbeddingModelProperties properties, ModelClients clients) {
		return OllamaEmbeddingModel.builder()
			.ollamaApi(api(properties, clients))
			.defaultOptions(OllamaEmbeddingOptions.builder().model(properties.getModel()).build())
			.observationRegistry(clients.observationRegistry())
			.build();
	}

	private static OllamaApi api(DeclaredModelProperties properties, ModelClients clients) {
		return OllamaApi.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.OLLAMA))
			.restClientBuilder(clients.restClient())
			.webClientBuilder(clients.webClient())
			.responseErrorHandler(clients.errorHandler())
			.build();
	}

}
