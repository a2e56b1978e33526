package io.github.modelpool.session;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A sticky session: the member a conversation (or run) is pinned to. Many calls of one
 * session may run at once; every change is a compare-and-set on the whole state, so
 * concurrent failovers commit once and late signals never overwrite newer state.
 */
public final class Session {

	private final String key;

	private final boolean anonymous;

	/** Updates {@link #state} in place: an atomic reference object per session would cost 16 bytes each. */
	private static final AtomicReferenceFieldUpdater<Session, SessionState> STATE = AtomicReferenceFieldUpdater
		.newUpdater(Session.class, SessionState.class, "state");

	private static final AtomicLongFieldUpdater<Session> LAST_USED = AtomicLongFieldUpdater.newUpdater(Session.class,
			"lastUsedNanos");

	private volatile SessionState state;

	private volatile long lastUsedNanos;

	Session(String key, boolean anonymous, int home, long nowNanos) {
		this.key = Objects.requireNonNull(key, "key must not be null");
		this.anonymous = anonymous;
		this.state = SessionState.atHome(home);
		this.lastUsedNanos = nowNanos;
	}

	/**
	 * A one-call session for a request without routing key; it is never remembered.
	 * @param key synthetic key that spreads anonymous calls
	 * @param home home member index
	 * @param nowNanos ticker reading
	 * @return the session
	 */
	public static Session anonymous(String key, int home, long nowNanos) {
		return new Session(key, true, home, nowNanos);
	}

	public String key() {
		return this.key;
	}

	/**
	 * Whether this is a one-call session for a request without routing key.
	 * @return {@code true} for anonymous sessions
	 */
	public boolean isAnonymous() {
		return this.anonymous;
	}

	public SessionState state() {
		return this.state;
	}

	/**
	 * Replace the state if it is still the expected one.
	 * @param expected state the change was computed from
	 * @param next new state
	 * @return {@code true} when the change was made
	 */
	public boolean compareAndSet(SessionState expected, SessionState next) {
		return STATE.compareAndSet(this, expected, next);
	}

	/**
	 * Mark the session used now.
	 * @param nowNanos ticker reading
	 * @return ticker reading of the use before this one
	 */
	public long use(long nowNanos) {
		return LAST_USED.getAndSet(this, nowNanos);
	}

	/**
	 * Note a use at least as recent as the given one (another instance's, say).
	 * @param nanos ticker reading of that use
	 */
	void usedNoEarlierThan(long nanos) {
		LAST_USED.accumulateAndGet(this, nanos, Math::max);
	}

}
