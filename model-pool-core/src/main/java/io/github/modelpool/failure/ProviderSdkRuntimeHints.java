package io.github.modelpool.failure;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets a native image read the providers' SDK exceptions as the classifier does: the
 * public methods of each type {@link ProviderSdkAnswers} calls by reflection. Types of an
 * SDK the application lacks are named, never loaded.
 */
public final class ProviderSdkRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String type : ProviderSdkAnswers.reflectedTypes()) {
			hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
