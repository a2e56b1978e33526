package io.github.modelpool.provider;

import java.util.Map;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * Picks the builder of a declared model's provider. Each platform line brings its own
 * {@code OpenAiModels}, {@code AnthropicModels}, {@code OllamaModels},
 * {@code GoogleGenAiModels}, {@code BedrockModels} and {@code ModelClients}; the choice is
 * the same on both. OpenAI and Ollama also build embedding models, and each line its
 * {@code GoogleGenAiEmbeddingModels} (which refuses on the Boot 4 line).
 */
final class DeclaredModels {

	private DeclaredModels() {
	}

	/**
	 * The properties of a declared model.
	 * @param models declared models by id
	 * @param id model id
	 * @return its properties, validated at startup
	 */
	static DeclaredModelProperties properties(Map<String, DeclaredModelProperties> models, String id) {
		DeclaredModelProperties properties = models.get(id);
		if (properties == null) {
			throw new IllegalArgumentException("No model '" + id + "' is declared under model-pool.models");
		}
		return properties;
	}

	/**
	 * The properties of a declared embedding model.
	 * @param models declared embedding models by id
	 * @param id model id
	 * @return its properties, validated at startup
	 */
	static DeclaredEmbeddingModelProperties embeddingProperties(Map<String, DeclaredEmbeddingModelProperties> models,
			String id) {
		DeclaredEmbeddingModelProperties properties = models.get(id);
		if (properties == null) {
			throw new IllegalArgumentException(
					"No embedding model '" + id + "' is declared under model-pool.embedding-models");
		}
		return properties;
	}

	/**
	 * Build a declared embedding model with its provider's builder.
	 * @param id model id
	 * @param properties its properties
	 * @param clients what every model of this line is built with
	 * @return the embedding model
	 */
	static EmbeddingModel createEmbedding(String id, DeclaredEmbeddingModelProperties properties,
			ModelClients clients) {
		Provider provider = Provider.named(properties.getProvider())
			.filter(Provider::isEmbeddingDeclarable)
			.orElseThrow(() -> new IllegalArgumentException("No embedding provider of model '" + id + "'"));
		return switch (provider) {
			case OPENAI -> OpenAiModels.createEmbedding(properties, clients);
			case OLLAMA -> OllamaModels.createEmbedding(properties, clients);
			case GOOGLE_GENAI -> GoogleGenAiEmbeddingModels.create(id, properties, clients);
			default -> throw new IllegalArgumentException("No embedding provider of model '" + id + "'");
		};
	}

	/**
	 * Build a declared model with its provider's builder.
	 * @param id model id
	 * @param properties its properties
	 * @param clients what every model of this line is built with
	 * @return the chat model
	 */
	static ChatModel create(String id, DeclaredModelProperties properties, ModelClients clients) {
		Provider provider = Provider.named(properties.getProvider())
			.orElseThrow(() -> new IllegalArgumentException("Unknown provider of model '" + id + "'"));
		return switch (provider) {
			case OPENAI -> OpenAiModels.create(properties, clients);
			case ANTHROPIC -> AnthropicModels.create(properties, clients);
			case OLLAMA -> OllamaModels.create(properties, clients);
			case GOOGLE_GENAI -> GoogleGenAiModels.create(id, properties, clients);
			case BEDROCK -> BedrockModels.create(id, properties, clients);
		};
	}

}
