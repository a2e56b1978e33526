package io.github.modelpool.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The sessions a pool remembers: at most {@code maxSessions}, least recently used ones
 * forgotten first, idle ones forgotten after {@code idleTimeout}.
 */
public final class SessionTable {

	private final Cache<String, Session> sessions;

	private final Ticker ticker;

	/**
	 * Create a table.
	 * @param maxSessions most sessions remembered
	 * @param idleTimeout how long an unused session is remembered
	 * @param ticker time source, in nanoseconds
	 */
	public SessionTable(int maxSessions, Duration idleTimeout, Ticker ticker) {
		this.ticker = ticker;
		this.sessions = Caffeine.newBuilder()
			.maximumSize(maxSessions)
			.expireAfterAccess(idleTimeout)
			.ticker(ticker)
			// Maintenance runs on the calling thread: no background work, no surprises in tests.
			.executor(Runnable::run)
			.build();
	}

	/**
	 * The session for a key, created with the chosen home when absent.
	 * @param key routing key
	 * @param homeChooser chooses the home member index of a new session
	 * @return the session
	 */
	public Session get(String key, ToIntFunction<String> homeChooser) {
		return this.sessions.get(key, (newKey) -> new Session(newKey, false, homeChooser.applyAsInt(newKey),
				this.ticker.read()));
	}

	/**
	 * The session for a key when remembered.
	 * @param key routing key
	 * @return the session, or {@code null}
	 */
	public Session find(String key) {
		return this.sessions.getIfPresent(key);
	}

	/**
	 * Number of sessions remembered now.
	 * @return the count
	 */
	public long size() {
		this.sessions.cleanUp();
		return this.sessions.estimatedSize();
	}

	/**
	 * States of the sessions remembered now.
	 * @return a snapshot of the states
	 */
	public List<SessionState> states() {
		this.sessions.cleanUp();
		List<SessionState> states = new ArrayList<>();
		this.sessions.asMap().values().forEach((session) -> states.add(session.state()));
		return states;
	}

	public long nanoTime() {
		return this.ticker.read();
	}

}
