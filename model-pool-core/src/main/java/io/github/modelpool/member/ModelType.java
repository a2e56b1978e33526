package io.github.modelpool.member;

import java.util.Locale;

/**
 * What kind of Spring AI model a member serves, and with it what its pool is.
 */
public enum ModelType {

	/** A {@code ChatModel}: the pool is a {@code ChatModel}. */
	CHAT,

	/** An {@code EmbeddingModel}: the pool is an {@code EmbeddingModel}. */
	EMBEDDING;

	/**
	 * The type as endpoints and tags show it.
	 * @return {@code chat} or {@code embedding}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
