package io.github.modelpool.autoconfigure;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets a native image read the OpenAI SDK client's retries as {@link SdkRetries} does.
 */
final class SdkRetriesRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String type : SdkRetries.REFLECTED_TYPES) {
			hints.reflection()
				.registerType(TypeReference.of(type), BootLine.DECLARED_FIELD_ACCESS,
						MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
