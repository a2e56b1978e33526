package io.github.modelpool.pool;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets a native image read answers' token counts as {@link AnswerTokens} does, and what
 * embedding models embed of a document as {@link EmbeddingContents} does: the public
 * methods of the providers' usage types and embedding model interface. Types of an SDK the
 * application lacks are named, never loaded.
 */
public final class AnswerTokensRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String type : AnswerTokens.REFLECTED_TYPES) {
			hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		hints.reflection()
			.registerType(TypeReference.of(EmbeddingContents.REFLECTED_TYPE), MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
