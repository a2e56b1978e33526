package io.github.modelpool.provider;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

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
			.options(GoogleGenAiOptions.of(properties))
			// One attempt, as the SDK client's: the pool retries and fails over.
			.retryTemplate(new RetryTemplate(RetryPolicy.builder().maxRetries(0).build()))
			.observationRegistry(clients.observationRegistry())
			.build();
	}

}
