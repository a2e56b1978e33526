package io.github.modelpool.pool;

/**
 * Observes each call of an embedding pool as {@code model.pool.embedding.operation}, with
 * the keys of {@link DefaultModelPoolObservationConvention} (the token counts hold the
 * input the provider counted). The member's own Spring AI observation
 * ({@code gen_ai.client.operation}) is its child.
 */
public class DefaultEmbeddingPoolObservationConvention extends DefaultModelPoolObservationConvention {

	/** Name of an embedding pool's observation. */
	public static final String NAME = "model.pool.embedding.operation";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ModelPoolObservationContext context) {
		return "embedding pool " + context.getPoolId();
	}

}
