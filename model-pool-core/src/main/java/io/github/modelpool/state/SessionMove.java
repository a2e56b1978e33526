package io.github.modelpool.state;

import java.util.Objects;

/**
 * What a store did with a session move an instance asked for.
 *
 * @param moved whether this move was written; {@code false} when another instance had
 * moved the session first
 * @param session the session as stored now
 */
public record SessionMove(boolean moved, SharedSession session) {

	public SessionMove {
		Objects.requireNonNull(session, "session must not be null");
	}

}
