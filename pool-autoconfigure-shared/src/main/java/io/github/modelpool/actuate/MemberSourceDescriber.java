package io.github.modelpool.actuate;

import org.jspecify.annotations.Nullable;

/**
 * Tells operators where a member's chat model points, for models the starter declared
 * itself. Never returns credentials.
 */
@FunctionalInterface
public interface MemberSourceDescriber {

	/** Describes no model. */
	MemberSourceDescriber NONE = (chatModelBeanName) -> null;

	/**
	 * Where a chat model bean points.
	 * @param chatModelBeanName bean name of the chat model
	 * @return the source, or {@code null} when unknown
	 */
	@Nullable
	Source describe(String chatModelBeanName);

	/**
	 * Provider and base URL of a chat model.
	 *
	 * @param provider provider name, such as {@code openai}
	 * @param baseUrl base URL without credentials
	 */
	record Source(String provider, String baseUrl) {
	}

}
