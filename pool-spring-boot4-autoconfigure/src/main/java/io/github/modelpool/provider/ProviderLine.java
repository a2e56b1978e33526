package io.github.modelpool.provider;

/**
 * Provider settings that differ between Spring AI lines.
 */
final class ProviderLine {

	/** Public endpoint of OpenAI: Spring AI 2.0's OpenAI SDK appends {@code /chat/completions} only. */
	static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

	private ProviderLine() {
	}

}
