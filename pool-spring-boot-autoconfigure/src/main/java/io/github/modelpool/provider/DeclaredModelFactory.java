package io.github.modelpool.provider;

import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.BeanFactory;

/**
 * Builds the chat models declared under {@code model-pool.models} (and the embedding
 * models under {@code model-pool.embedding-models}) with Spring AI's own builders: RestClient-based models (openai, anthropic, ollama) with the application's
 * HTTP client builders, the status-preserving error handler and a short retry suited to
 * pooling; SDK-based models (google-genai, bedrock) with one attempt per request. Every
 * model reports to the application's observation registry; the SDK clients close with
 * the factory.
 */
public class DeclaredModelFactory implements AutoCloseable {

	private final Map<String, DeclaredModelProperties> models;

	private final Map<String, DeclaredEmbeddingModelProperties> embeddingModels;

	private final BeanFactory beanFactory;

	private final ObservationRegistry observationRegistry;

	private final ToolCallingManager toolCallingManager;

	private final ModelResources resources = new ModelResources();

	/**
	 * Create a factory.
	 * @param models declared models by id
	 * @param embeddingModels declared embedding models by id
	 * @param beanFactory where RestClient-based models find the application's
	 * {@code RestClient.Builder} and {@code WebClient.Builder} (fresh ones otherwise)
	 * @param observationRegistry registry of Spring AI's model observations
	 * @param toolCallingManager tool-calling manager, or {@code null} for Spring AI's
	 * default
	 */
	public DeclaredModelFactory(Map<String, DeclaredModelProperties> models,
			Map<String, DeclaredEmbeddingModelProperties> embeddingModels, BeanFactory beanFactory,
			ObservationRegistry observationRegistry, ToolCallingManager toolCallingManager) {
		this.models = models;
		this.embeddingModels = embeddingModels;
		this.beanFactory = beanFactory;
		this.observationRegistry = observationRegistry;
		this.toolCallingManager = (toolCallingManager != null) ? toolCallingManager
				: ToolCallingManager.builder().build();
	}

	/**
	 * Build a declared model. Its properties were validated at startup.
	 * @param id model id
	 * @return the chat model
	 */
	public ChatModel create(String id) {
		DeclaredModelProperties properties = DeclaredModels.properties(this.models, id);
		return DeclaredModels.create(id, properties, new ModelClients(properties, this.beanFactory,
				this.observationRegistry, this.toolCallingManager, this.resources));
	}

	/**
	 * Build a declared embedding model. Its properties were validated at startup.
	 * @param id model id
	 * @return the embedding model
	 */
	public EmbeddingModel createEmbedding(String id) {
		DeclaredEmbeddingModelProperties properties = DeclaredModels.embeddingProperties(this.embeddingModels, id);
		return DeclaredModels.createEmbedding(id, properties, new ModelClients(properties, this.beanFactory,
				this.observationRegistry, this.toolCallingManager, this.resources));
	}

	/** Close the SDK clients of the models this factory built. */
	@Override
	public void close() {
		this.resources.close();
	}

}
