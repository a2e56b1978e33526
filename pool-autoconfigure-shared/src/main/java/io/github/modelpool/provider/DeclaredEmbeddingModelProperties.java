package io.github.modelpool.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An embedding model declared in configuration, built by the starter with Spring AI's
 * own builders: the declared chat models' connection properties, plus the length of its
 * vectors. The annotation only documents the properties in the configuration metadata;
 * models are bound as part of the {@code model-pool} properties.
 */
@ConfigurationProperties(prefix = "model-pool.embedding-models.*")
public class DeclaredEmbeddingModelProperties extends DeclaredModelProperties {

	/**
	 * Length of the model's vectors. Required. OpenAI models are asked for it (the
	 * request's dimensions, which text-embedding-3 models shorten their vectors to);
	 * other providers answer their model's own length, which must be this one.
	 */
	private Integer dimensions;

	public Integer getDimensions() {
		return this.dimensions;
	}

	public void setDimensions(Integer dimensions) {
		this.dimensions = dimensions;
	}

	@Override
	public String toString() {
		// Keeps the API key out of any log line or message that prints the properties.
		return "DeclaredEmbeddingModelProperties[provider=" + getProvider() + ", model=" + getModel()
				+ ", dimensions=" + this.dimensions + "]";
	}

}
