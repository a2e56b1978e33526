package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

/**
 * Builds declared OpenAI (and OpenAI-compatible) chat and embedding models on the OpenAI
 * SDK. Loaded only
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

	/**
	 * A declared embedding model, asked for vectors of its declared length, with one
	 * attempt per request and the declared read timeout.
	 */
	static EmbeddingModel createEmbedding(DeclaredEmbeddingModelProperties properties, ModelClients clients) {
		OpenAiEmbeddingOptions.Builder builder = OpenAiEmbeddingOptions.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.OPENAI))
			.apiKey(properties.getApiKey())
			.maxRetries(0)
			.model(properties.getModel())
			.dimensions(properties.getDimensions());
		if (properties.getReadTimeout() != null) {
			builder.timeout(properties.getReadTimeout());
		}
		return OpenAiEmbeddingModel.builder()
			.options(builder.build())
			.observationRegistry(clients.observationRegistry())
			.build();
	}

}
