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

	private ProviderLine() {
	}

}
