package io.github.modelpool.autoconfigure;

import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.provider.DeclaredModelProperties;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What the auto-configuration reaches by reflection, for a native image: the
 * {@code model-pool.*} properties it binds itself (before any bean exists), and the SDK
 * clients whose own retries it reads for its startup warning (types of an SDK the
 * application lacks are named, never loaded).
 */
public final class ModelPoolRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar
			.forTypes(ModelPoolProperties.class, DeclaredModelProperties.class, DeclaredEmbeddingModelProperties.class)
			.registerHints(hints, classLoader);
		for (String type : SdkClientRetries.reflectedTypes()) {
			hints.reflection()
				.registerType(TypeReference.of(type), BootLine.DECLARED_FIELD_ACCESS,
						MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
