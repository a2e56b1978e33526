package io.github.modelpool.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.modelpool.state.SharedSession;

/**
 * Sessions as the Redis scripts ({@link RedisScripts}) take and answer them: the order of
 * their arguments and of the fields of their answers is written here, beside the
 * scripts' own, and nowhere else in Java. A session is stored as a hash of {@code home},
 * {@code active}, {@code switches} and {@code last_used} (epoch milliseconds).
 */
final class SessionCodec {

	private SessionCodec() {
	}

	/**
	 * {@code ARGV} of {@link RedisScripts#TOUCH}: the proposed home, its last use, the
	 * time to live.
	 */
	static List<String> touchArguments(SharedSession proposed, Duration idleTimeout) {
		return List.of(proposed.home(), millis(proposed.lastUsed()), ttl(idleTimeout));
	}

	/**
	 * {@code ARGV} of {@link RedisScripts#MOVE}: the member expected active, then the
	 * session after the move and the time to live.
	 */
	static List<String> moveArguments(String expectedActive, SharedSession next, Duration idleTimeout) {
		return List.of(expectedActive, next.home(), next.active(), String.valueOf(next.switches()),
				millis(next.lastUsed()), ttl(idleTimeout));
	}

	/**
	 * {@code ARGV} of {@link RedisScripts#RECONCILE_SESSION}: the session written while
	 * Redis was away, and the time to live.
	 */
	static List<String> reconcileArguments(SharedSession session, Duration idleTimeout) {
		return List.of(session.home(), session.active(), String.valueOf(session.switches()),
				millis(session.lastUsed()), ttl(idleTimeout));
	}

	/**
	 * The session of a script's answer ({@code home, active, switches, last_used}, and
	 * after a move whether it won).
	 * @param answer the answer's values
	 * @param fallback where a value is missing, the last use is this one's
	 * @return the session, or {@code null} when the values are not a session this version
	 * can read (the call then goes on from local state)
	 */
	static SharedSession session(List<String> answer, SharedSession fallback) {
		if (answer.size() < 4 || answer.get(0).isEmpty()) {
			return null;
		}
		try {
			String home = answer.get(0);
			String active = answer.get(1).isEmpty() ? home : answer.get(1);
			int switches = answer.get(2).isEmpty() ? 0 : Integer.parseInt(answer.get(2));
			Instant lastUsed = answer.get(3).isEmpty() ? fallback.lastUsed()
					: Instant.ofEpochMilli(Long.parseLong(answer.get(3)));
			return new SharedSession(home, active, switches, lastUsed);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Whether a move's answer says this move won.
	 * @param answer the answer's values
	 * @return {@code true} when the move was written
	 */
	static boolean moveWon(List<String> answer) {
		return answer.size() > 4 && "1".equals(answer.get(4));
	}

	private static String millis(Instant instant) {
		return String.valueOf(instant.toEpochMilli());
	}

	private static String ttl(Duration idleTimeout) {
		return String.valueOf(Math.max(1, idleTimeout.toMillis()));
	}

}
