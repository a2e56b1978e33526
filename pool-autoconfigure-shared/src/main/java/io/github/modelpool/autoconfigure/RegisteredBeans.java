package io.github.modelpool.autoconfigure;

import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.provider.DeclaredModelFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * The static factory methods behind the beans {@link ModelPoolBeanRegistrar} registers:
 * a bean definition naming a factory method, its id as argument and its factory
 * autowired, is one that ahead-of-time processing can write as code.
 */
final class RegisteredBeans {

	static final String POOL = "pool";

	static final String DECLARED_MODEL = "declaredModel";

	static final String EMBEDDING_POOL = "embeddingPool";

	static final String DECLARED_EMBEDDING_MODEL = "declaredEmbeddingModel";

	private RegisteredBeans() {
	}

	/**
	 * The pool configured under {@code model-pool.pools.<poolId>}.
	 * @param poolId the pool's id
	 * @param factory the pool factory
	 * @return the pool
	 */
	static ModelPool pool(String poolId, ModelPoolFactory factory) {
		return factory.create(poolId);
	}

	/**
	 * The model declared under {@code model-pool.models.<modelId>}.
	 * @param modelId the model's id
	 * @param factory the declared model factory
	 * @return the chat model
	 */
	static ChatModel declaredModel(String modelId, DeclaredModelFactory factory) {
		return factory.create(modelId);
	}

	/**
	 * The embedding pool configured under {@code model-pool.embedding-pools.<poolId>}.
	 * @param poolId the pool's id
	 * @param factory the pool factory
	 * @return the pool
	 */
	static EmbeddingPool embeddingPool(String poolId, ModelPoolFactory factory) {
		return factory.createEmbedding(poolId);
	}

	/**
	 * The embedding model declared under {@code model-pool.embedding-models.<modelId>}.
	 * @param modelId the model's id
	 * @param factory the declared model factory
	 * @return the embedding model
	 */
	static EmbeddingModel declaredEmbeddingModel(String modelId, DeclaredModelFactory factory) {
		return factory.createEmbedding(modelId);
	}

}
