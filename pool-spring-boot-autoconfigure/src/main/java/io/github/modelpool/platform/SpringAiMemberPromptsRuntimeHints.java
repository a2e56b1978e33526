package io.github.modelpool.platform;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets a native image load this line's member prompts through the service loader, and set
 * the model on the Spring AI 1.1 options types it knows.
 */
public final class SpringAiMemberPromptsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection().registerType(SpringAiMemberPrompts.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		for (String type : SpringAiMemberPrompts.OPTIONS_TYPES) {
			hints.reflection()
				.registerType(TypeReference.of(type), MemberCategory.INTROSPECT_PUBLIC_METHODS,
						MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
