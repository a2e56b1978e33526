package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.openai.api.OpenAiApi;

/**
 * Builds declared OpenAI (and OpenAI-compatible) chat and embedding models. Loaded only
 * when Spring AI's OpenAI module is present.
 */
final class OpenAiModels {

	private OpenAiModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		OpenAiApi api = api(properties, clients);
		DeclaredModelProperties.Options options = properties.getOptions();
		return OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder()
				.model(properties.getModel())
				.temperature(options.getTemperature())
				.maxTokens(options.getMaxTokens())
				.topP(options.getTopP())
				.stop(options.getStopSequences())
				.frequencyPenalty(options.getFrequencyPenalty())
				.presencePenalty(options.getPresencePenalty())
				.build())
			.retryTemplate(clients.retryTemplate())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

	/**
	 * A declared embedding model, asked for vectors of its declared length.
	 */
	static EmbeddingModel createEmbedding(DeclaredEmbeddingModelProperties properties, ModelClients clients) {
		return new OpenAiEmbeddingModel(api(properties, clients), MetadataMode.EMBED,
				OpenAiEmbeddingOptions.builder()
					.model(properties.getModel())
					.dimensions(properties.getDimensions())
					.build(),
				clients.retryTemplate(), clients.observationRegistry());
	}

	private static OpenAiApi api(DeclaredModelProperties properties, ModelClients clients) {
		return OpenAiApi.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.OPENAI))
			.apiKey(properties.getApiKey())
			.restClientBuilder(clients.restClient())
			.webClientBuilder(clients.webClient())
			.responseErrorHandler(clients.errorHandler())
			.build();
	}

}
