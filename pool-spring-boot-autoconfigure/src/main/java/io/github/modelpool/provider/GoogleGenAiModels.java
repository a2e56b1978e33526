package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;

/**
 * Builds declared google-genai models (Gemini API or Vertex AI) on Google's Gen AI SDK.
 * Loaded only when Spring AI's Google GenAI module is present.
 */
final class GoogleGenAiModels {

	private GoogleGenAiModels() {
	}

	static ChatModel create(String id, DeclaredModelProperties properties, ModelClients clients) {
		return GoogleGenAiChatModel.builder()
			.genAiClient(clients.resources().closeOnShutdown(GoogleGenAiClients.create("model-pool.models." + id, properties)))
			.defaultOptions(GoogleGenAiOptions.of(properties))
			.retryTemplate(clients.retryTemplate())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

}
