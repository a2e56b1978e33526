package io.github.modelpool.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.modelpool.state.SessionMove;
import io.github.modelpool.state.SharedSession;
import io.github.modelpool.state.StateStore;

/**
 * Shares a pool's sessions through its {@link StateStore}: the pin another instance
 * stored is adopted at a session's next call, and a move made here is compare-and-set in
 * the store, so instances that move one session at once agree on one member. Sessions
 * without routing key are never shared.
 */
public final class SessionSharing {

	private static final SessionSharing NONE = new SessionSharing(null, null, List.of(), Clock.systemUTC(),
			Duration.ZERO);

	private final StateStore store;

	private final String pool;

	private final List<String> memberIds;

	private final Clock clock;

	private final Duration idleTimeout;

	/**
	 * Share sessions through a store.
	 * @param store the store
	 * @param pool pool id
	 * @param memberIds member ids in the pool's declaration order
	 * @param clock wall clock, for last-use times other instances read
	 * @param idleTimeout how long an unused session is kept
	 */
	public SessionSharing(StateStore store, String pool, List<String> memberIds, Clock clock, Duration idleTimeout) {
		// A store that shares nothing is skipped, so a call builds no pin to hand it.
		this.store = (store != null && store.sharesSessions()) ? store : null;
		this.pool = pool;
		this.memberIds = List.copyOf(memberIds);
		this.clock = clock;
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Sharing nothing.
	 * @return the instance
	 */
	public static SessionSharing none() {
		return NONE;
	}

	/**
	 * Whether sessions are shared at all.
	 * @return {@code false} when no store shares them, so there is nothing to touch
	 */
	boolean shares() {
		return this.store != null;
	}

	/**
	 * Adopt what other instances did with a session, and mark it used, in one round trip.
	 * @param session the session
	 * @param nowNanos ticker reading now
	 */
	void touch(Session session, long nowNanos) {
		if (this.store == null || session.isAnonymous()) {
			return;
		}
		SessionState local = session.state();
		SharedSession stored = this.store.touchSession(this.pool, session.key(), shared(local), this.idleTimeout);
		adopt(session, local, stored, nowNanos);
	}

	/**
	 * Share a move this instance just made.
	 * @param session the session, already moved here
	 * @param expected the state the move was made from
	 * @param next the state after the move
	 * @param nowNanos ticker reading now
	 * @return {@code true} when the move stands, {@code false} when another instance moved
	 * the session first (the session then follows that move)
	 */
	boolean share(Session session, SessionState expected, SessionState next, long nowNanos) {
		if (this.store == null || session.isAnonymous()) {
			return true;
		}
		SessionMove move = this.store.moveSession(this.pool, session.key(), id(expected.active()), shared(next),
				this.idleTimeout);
		if (move == null || move.moved()) {
			return true;
		}
		adopt(session, next, move.session(), nowNanos);
		return false;
	}

	private void adopt(Session session, SessionState local, SharedSession stored, long nowNanos) {
		if (stored == null) {
			return;
		}
		int home = this.memberIds.indexOf(stored.home());
		int active = this.memberIds.indexOf(stored.active());
		if (home < 0 || active < 0) {
			// Another instance names members this one does not have: keep this one's view.
			return;
		}
		long idleNanos = Math.max(0, Duration.between(stored.lastUsed(), this.clock.instant()).toNanos());
		session.usedNoEarlierThan(nowNanos - idleNanos);
		SessionState adopted = new SessionState(home, active, stored.switches());
		if (!adopted.equals(local)) {
			session.compareAndSet(local, adopted);
		}
	}

	private SharedSession shared(SessionState state) {
		Instant now = this.clock.instant();
		return new SharedSession(id(state.home()), id(state.active()), state.switches(), now);
	}

	private String id(int member) {
		return this.memberIds.get(member);
	}

}
