package io.github.modelpool.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A session's pin as instances share it. Members are named by id, since instances need
 * not declare them in the same order.
 *
 * @param home id of the member the session was homed to
 * @param active id of the member serving the session now
 * @param switches switches since the session's last successful call
 * @param lastUsed when the session was last used, by any instance
 */
public record SharedSession(String home, String active, int switches, Instant lastUsed) {

	public SharedSession {
		Objects.requireNonNull(home, "home must not be null");
		Objects.requireNonNull(active, "active must not be null");
		Objects.requireNonNull(lastUsed, "lastUsed must not be null");
	}

}
