package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;

/**
 * Bedrock models are not declared on this line ({@link ProviderLine#DECLARABLE}): startup
 * validation stops a configuration that asks for one, naming the property, before any
 * model is built.
 */
final class BedrockModels {

	private BedrockModels() {
	}

	static ChatModel create(String id, DeclaredModelProperties properties, ModelClients clients) {
		throw new IllegalStateException("model-pool.models." + id + ".provider: bedrock models are declared on the "
				+ "Boot 3 line only");
	}

}
