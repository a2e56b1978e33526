package io.github.modelpool.actuate;

import org.jspecify.annotations.Nullable;

/**
 * Tells operators where a member's model (chat or embedding) points, for models the
 * starter declared itself. Never returns credentials.
 */
@FunctionalInterface
public interface MemberSourceDescriber {

	/** Describes no model. */
	MemberSourceDescriber NONE = (modelBeanName) -> null;

	/**
	 * Where a model bean points.
	 * @param modelBeanName bean name of the chat or embedding model
	 * @return the source, or {@code null} when unknown
	 */
	@Nullable
	Source describe(String modelBeanName);

	/**
	 * Provider and base URL of a model.
	 *
	 * @param provider provider name, such as {@code openai}
	 * @param baseUrl base URL without credentials
	 */
	record Source(String provider, String baseUrl) {
	}

}
