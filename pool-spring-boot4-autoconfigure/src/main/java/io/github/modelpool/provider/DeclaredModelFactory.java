package io.github.modelpool.provider;

import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.BeanFactory;

/**
 * Builds the chat models declared under {@code model-pool.models} (and the embedding
 * models under {@code model-pool.embedding-models}) with Spring AI 2.0's own builders: OpenAI and Anthropic models on the providers' SDKs, with the SDKs' own HTTP
 * clients, the declared read timeout and a single attempt; Ollama models on its
 * RestClient- and WebClient-based API, with the application's client builders, the
 * status-preserving error handler and a short retry. Every model reports to the
 * application's observation registry. Tools run in {@code ChatClient} on Spring AI 2.0,
 * so the models take no tool-calling manager.
 */
public class DeclaredModelFactory implements AutoCloseable {

	private final Map<String, DeclaredModelProperties> models;

	private final Map<String, DeclaredEmbeddingModelProperties> embeddingModels;

	private final ModelClients clients;

	private final ModelResources resources = new ModelResources();

	/**
	 * Create a factory.
	 * @param models declared models by id
	 * @param embeddingModels declared embedding models by id
	 * @param observationRegistry registry of Spring AI's model observations
	 * @param beanFactory where RestClient-based models find the application's HTTP client
	 * builders
	 */
	public DeclaredModelFactory(Map<String, DeclaredModelProperties> models,
			Map<String, DeclaredEmbeddingModelProperties> embeddingModels, ObservationRegistry observationRegistry,
			BeanFactory beanFactory) {
		this.models = models;
		this.embeddingModels = embeddingModels;
		this.clients = new ModelClients(observationRegistry, beanFactory, this.resources);
	}

	/**
	 * Build a declared model. Its properties were validated at startup.
	 * @param id model id
	 * @return the chat model
	 */
	public ChatModel create(String id) {
		DeclaredModelProperties properties = DeclaredModels.properties(this.models, id);
		return DeclaredModels.create(id, properties, this.clients);
	}

	/**
	 * Build a declared embedding model. Its properties were validated at startup.
	 * @param id model id
	 * @return the embedding model
	 */
	public EmbeddingModel createEmbedding(String id) {
		DeclaredEmbeddingModelProperties properties = DeclaredModels.embeddingProperties(this.embeddingModels, id);
		return DeclaredModels.createEmbedding(id, properties, this.clients);
	}

	/** Close the SDK clients of the models this factory built. */
	@Override
	public void close() {
		this.resources.close();
	}

}
