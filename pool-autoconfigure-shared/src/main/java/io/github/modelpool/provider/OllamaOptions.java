package io.github.modelpool.provider;

import org.springframework.ai.ollama.api.OllamaChatOptions;

/**
 * The options of a declared Ollama model. Loaded only when Spring AI's Ollama module is
 * present.
 */
final class OllamaOptions {

	private OllamaOptions() {
	}

	static OllamaChatOptions of(DeclaredModelProperties properties) {
		DeclaredModelProperties.Options options = properties.getOptions();
		return OllamaChatOptions.builder()
			.model(properties.getModel())
			.temperature(options.getTemperature())
			.numPredict(options.getMaxTokens())
			.topP(options.getTopP())
			.topK(options.getTopK())
			.stop(options.getStopSequences())
			.frequencyPenalty(options.getFrequencyPenalty())
			.presencePenalty(options.getPresencePenalty())
			.build();
	}

}
