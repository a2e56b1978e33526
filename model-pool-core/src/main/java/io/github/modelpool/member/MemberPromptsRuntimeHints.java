package io.github.modelpool.member;

import java.util.ServiceLoader;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image find a platform line's {@link MemberPrompts} through
 * {@link ServiceLoader}: the service file; each line's jar registers its implementation's
 * constructor.
 */
public final class MemberPromptsRuntimeHints implements RuntimeHintsRegistrar {

	/** The service file that names a line's implementation. */
	static final String SERVICE_FILE = "META-INF/services/" + MemberPrompts.class.getName();

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern(SERVICE_FILE);
	}

}
