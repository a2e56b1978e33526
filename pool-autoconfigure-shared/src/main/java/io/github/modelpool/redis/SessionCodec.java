package io.github.modelpool.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.state.SharedSession;

/**
 * Sessions as the Redis scripts ({@link RedisScripts}) take and answer them: name/value
 * pairs, named here and in the scripts alone. Arguments: {@code expected} (the member a
 * move expects active), {@code home}, {@code active}, {@code switches}, {@code used}
 * (epoch milliseconds) and {@code ttl} (milliseconds); answers: {@code home},
 * {@code active} (empty while at home), {@code switches}, {@code used} and, after a
 * move, {@code won}.
 */
final class SessionCodec {

	private static final String EXPECTED = "expected";

	private static final String HOME = "home";

	private static final String ACTIVE = "active";

	private static final String SWITCHES = "switches";

	private static final String USED = "used";

	private static final String TTL = "ttl";

	private static final String WON = "won";

	private SessionCodec() {
	}

	/**
	 * Arguments of {@link RedisScripts#TOUCH}: the proposed home, its last use, the time
	 * to live.
	 */
	static List<String> touchArguments(SharedSession proposed, Duration idleTimeout) {
		return pairs(HOME, proposed.home(), USED, millis(proposed.lastUsed()), TTL, ttl(idleTimeout));
	}

	/**
	 * Arguments of {@link RedisScripts#MOVE}: the member expected active, then the session
	 * after the move and the time to live.
	 */
	static List<String> moveArguments(String expectedActive, SharedSession next, Duration idleTimeout) {
		return pairs(EXPECTED, expectedActive, HOME, next.home(), ACTIVE, next.active(), SWITCHES,
				String.valueOf(next.switches()), USED, millis(next.lastUsed()), TTL, ttl(idleTimeout));
	}

	/**
	 * Arguments of {@link RedisScripts#RECONCILE_SESSION}: the session written while Redis
	 * was away, and the time to live.
	 */
	static List<String> reconcileArguments(SharedSession session, Duration idleTimeout) {
		return pairs(HOME, session.home(), ACTIVE, session.active(), SWITCHES, String.valueOf(session.switches()),
				USED, millis(session.lastUsed()), TTL, ttl(idleTimeout));
	}

	/**
	 * The session of a script's answer.
	 * @param answer the answer's name/value pairs
	 * @param fallback where the last use is missing, this one's is taken
	 * @return the session, or {@code null} when the answer is not a session this version
	 * can read (the call then goes on from local state)
	 */
	static SharedSession session(List<String> answer, SharedSession fallback) {
		Map<String, String> fields = named(answer);
		String home = fields.getOrDefault(HOME, "");
		if (home.isEmpty()) {
			return null;
		}
		try {
			String active = fields.getOrDefault(ACTIVE, "");
			String switches = fields.getOrDefault(SWITCHES, "");
			String used = fields.getOrDefault(USED, "");
			return new SharedSession(home, active.isEmpty() ? home : active,
					switches.isEmpty() ? 0 : Integer.parseInt(switches),
					used.isEmpty() ? fallback.lastUsed() : Instant.ofEpochMilli(Long.parseLong(used)));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Whether a move's answer says this move won.
	 * @param answer the answer's name/value pairs
	 * @return {@code true} when the move was written
	 */
	static boolean moveWon(List<String> answer) {
		return "1".equals(named(answer).get(WON));
	}

	private static List<String> pairs(String... namesAndValues) {
		return List.of(namesAndValues);
	}

	private static Map<String, String> named(List<String> answer) {
		Map<String, String> fields = new HashMap<>();
		for (int i = 0; i + 1 < answer.size(); i += 2) {
			fields.put(answer.get(i), answer.get(i + 1));
		}
		return fields;
	}

	private static String millis(Instant instant) {
		return String.valueOf(instant.toEpochMilli());
	}

	private static String ttl(Duration idleTimeout) {
		return String.valueOf(Math.max(1, idleTimeout.toMillis()));
	}

}
