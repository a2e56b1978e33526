package io.github.modelpool.provider;

import org.springframework.ai.google.genai.GoogleGenAiChatOptions;

/**
 * The default options of a declared google-genai model, the same on both lines. Loaded
 * only when Spring AI's Google GenAI module is present.
 */
final class GoogleGenAiOptions {

	private GoogleGenAiOptions() {
	}

	static GoogleGenAiChatOptions of(DeclaredModelProperties properties) {
		DeclaredModelProperties.Options options = properties.getOptions();
		return GoogleGenAiChatOptions.builder()
			.model(properties.getModel())
			.temperature(options.getTemperature())
			.maxOutputTokens(options.getMaxTokens())
			.topP(options.getTopP())
			.topK(options.getTopK())
			.stopSequences(options.getStopSequences())
			.frequencyPenalty(options.getFrequencyPenalty())
			.presencePenalty(options.getPresencePenalty())
			.build();
	}

}
