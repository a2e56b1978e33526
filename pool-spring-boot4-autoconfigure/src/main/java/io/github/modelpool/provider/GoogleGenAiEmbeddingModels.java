package io.github.modelpool.provider;

import org.springframework.ai.embedding.EmbeddingModel;

/**
 * Google Gen AI embedding models are not declared on this line: Spring AI 2.0's
 * {@code spring-ai-google-genai-embedding} is not served by the registry the project
 * builds from. Startup refuses such a declaration before this is reached; pool the model
 * as a bean instead.
 */
final class GoogleGenAiEmbeddingModels {

	private GoogleGenAiEmbeddingModels() {
	}

	static EmbeddingModel create(String id, DeclaredEmbeddingModelProperties properties, ModelClients clients) {
		throw new IllegalStateException("model-pool.embedding-models." + id
				+ ": google-genai embedding models are declared on the Boot 3 line only");
	}

}
