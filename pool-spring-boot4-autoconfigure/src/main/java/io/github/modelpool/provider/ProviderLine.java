package io.github.modelpool.provider;

import java.util.EnumSet;
import java.util.Set;

/**
 * Provider settings that differ between Spring AI lines.
 */
final class ProviderLine {

	/** Public endpoint of OpenAI: Spring AI 2.0's OpenAI SDK appends {@code /chat/completions} only. */
	static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

	/**
	 * Providers this line declares models of: all but Bedrock, whose Spring AI 2.0 module
	 * the project cannot build against (its registry does not serve it).
	 */
	static final Set<Provider> DECLARABLE = EnumSet.complementOf(EnumSet.of(Provider.BEDROCK));

	/**
	 * Providers this line declares embedding models of: OpenAI and Ollama. Spring AI 2.0's
	 * Google Gen AI embedding module is not served by the registry the project builds
	 * from; such models are pooled as beans.
	 */
	static final Set<Provider> EMBEDDING_DECLARABLE = EnumSet.of(Provider.OPENAI, Provider.OLLAMA);

	private ProviderLine() {
	}

}
