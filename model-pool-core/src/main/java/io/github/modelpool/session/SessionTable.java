package io.github.modelpool.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.ToIntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The sessions a pool remembers: at most {@code maxSessions} (approximately: under
 * concurrent calls the table may briefly hold a few more before eviction catches up),
 * least recently used ones forgotten first, idle ones forgotten after
 * {@code idleTimeout}. Long routing keys are stored as digests, so the bound holds for
 * memory too.
 */
public final class SessionTable {

	/** Longest routing key stored as it is. */
	public static final int MAX_STORED_KEY_LENGTH = 128;

	private final Cache<String, Session> sessions;

	private final Ticker ticker;

	private final SessionSharing sharing;

	/**
	 * Create a table of this instance's own sessions.
	 * @param maxSessions most sessions remembered
	 * @param idleTimeout how long an unused session is remembered
	 * @param ticker time source, in nanoseconds
	 */
	public SessionTable(int maxSessions, Duration idleTimeout, Ticker ticker) {
		this(maxSessions, idleTimeout, ticker, SessionSharing.none());
	}

	/**
	 * Create a table whose sessions other instances share.
	 * @param maxSessions most sessions remembered here
	 * @param idleTimeout how long an unused session is remembered
	 * @param ticker time source, in nanoseconds
	 * @param sharing how sessions are shared with other instances
	 */
	public SessionTable(int maxSessions, Duration idleTimeout, Ticker ticker, SessionSharing sharing) {
		this.ticker = ticker;
		this.sharing = sharing;
		this.sessions = Caffeine.newBuilder()
			.maximumSize(maxSessions)
			// Idle expiry through Caffeine's timer wheel: its access-order expiry (Caffeine
			// 3.2.4, Boot 4's) rescans entries whose recorded order lags their access times,
			// which under load costs more than the lookup itself.
			.expireAfter(new IdleExpiry(idleTimeout))
			.ticker(ticker)
			// Maintenance runs on the calling thread: no background work, no surprises in tests.
			.executor(Runnable::run)
			.build();
	}

	/**
	 * The session for a key, created with the chosen home when absent, with what other
	 * instances did with it adopted.
	 * @param key routing key
	 * @param homeChooser chooses the home member index of a new session
	 * @return the session
	 */
	public Session get(String key, ToIntFunction<String> homeChooser) {
		String stored = storedKey(key);
		Session session = this.sessions.getIfPresent(stored);
		if (session == null) {
			// The capturing function is made only for a new session.
			session = this.sessions.get(stored,
					(newKey) -> new Session(stored, false, homeChooser.applyAsInt(key), this.ticker.read()));
		}
		if (this.sharing.shares()) {
			this.sharing.touch(session, this.ticker.read());
		}
		return session;
	}

	/**
	 * Change a session's state if it is still the expected one, here and for every
	 * instance sharing it.
	 * @param session the session
	 * @param expected state the change was computed from
	 * @param next new state
	 * @return {@code true} when the change was made; {@code false} when the session had
	 * changed meanwhile, here or on another instance (it then holds that change)
	 */
	public boolean compareAndSet(Session session, SessionState expected, SessionState next) {
		return session.compareAndSet(expected, next) && this.sharing.share(session, expected, next, this.ticker.read());
	}

	/**
	 * Record a successful call served by a member: the switch budget starts over. A
	 * success from a member the session already left changes nothing.
	 * @param session the session
	 * @param member index of the member that served the call
	 */
	public void succeeded(Session session, int member) {
		SessionState state = session.state();
		while (state.active() == member && state.switches() > 0) {
			if (compareAndSet(session, state, state.succeeded())) {
				return;
			}
			state = session.state();
		}
	}

	public Session find(String key) {
		return this.sessions.getIfPresent(storedKey(key));
	}

	/**
	 * The key a session is remembered by: the routing key itself, or for a key longer
	 * than {@value #MAX_STORED_KEY_LENGTH} characters its SHA-256 digest, so that
	 * {@code max-sessions} bounds memory too. Homes are still chosen from the full key.
	 * @param key the routing key
	 * @return the stored key
	 */
	public static String storedKey(String key) {
		if (key.length() <= MAX_STORED_KEY_LENGTH) {
			return key;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
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
