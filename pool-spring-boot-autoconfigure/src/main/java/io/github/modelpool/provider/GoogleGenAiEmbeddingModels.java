package io.github.modelpool.provider;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.google.genai.GoogleGenAiEmbeddingConnectionDetails;
import org.springframework.ai.google.genai.text.GoogleGenAiTextEmbeddingModel;
import org.springframework.ai.google.genai.text.GoogleGenAiTextEmbeddingOptions;

/**
 * Builds declared google-genai embedding models (Gemini API or Vertex AI) on Google's Gen
 * AI SDK, with one attempt per request. Loaded only when Spring AI's Google GenAI
 * embedding module is present.
 */
final class GoogleGenAiEmbeddingModels {

	private GoogleGenAiEmbeddingModels() {
	}

	/**
	 * A declared embedding model, asked for vectors of its declared length.
	 */
	static EmbeddingModel create(String id, DeclaredEmbeddingModelProperties properties, ModelClients clients) {
		GoogleGenAiEmbeddingConnectionDetails connection = GoogleGenAiEmbeddingConnectionDetails.builder()
			.genAiClient(clients.resources()
				.closeOnShutdown(GoogleGenAiClients.create("model-pool.embedding-models." + id, properties)))
			.apiKey(properties.getApiKey())
			.projectId(properties.getProjectId())
			.location(properties.getLocation())
			.build();
		return new GoogleGenAiTextEmbeddingModel(connection,
				GoogleGenAiTextEmbeddingOptions.builder()
					.model(properties.getModel())
					.dimensions(properties.getDimensions())
					.build(),
				clients.retryTemplate(), clients.observationRegistry());
	}

}
