package io.github.modelpool.platform;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image load this line's member prompts through the service loader.
 */
public final class SpringAiMemberPromptsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection().registerType(SpringAiMemberPrompts.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

}
