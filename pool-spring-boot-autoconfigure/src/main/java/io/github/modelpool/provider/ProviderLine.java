package io.github.modelpool.provider;

import java.util.EnumSet;
import java.util.Set;

/**
 * Provider settings that differ between Spring AI lines.
 */
final class ProviderLine {

	/** Public endpoint of OpenAI: Spring AI 1.1 appends {@code /v1/chat/completions}. */
	static final String OPENAI_BASE_URL = "https://api.openai.com";

	/** Providers this line declares models of: all. */
	static final Set<Provider> DECLARABLE = EnumSet.allOf(Provider.class);

	/** Providers this line declares embedding models of: those with embedding models. */
	static final Set<Provider> EMBEDDING_DECLARABLE = EnumSet.of(Provider.OPENAI, Provider.OLLAMA,
			Provider.GOOGLE_GENAI);

	private ProviderLine() {
	}

}
