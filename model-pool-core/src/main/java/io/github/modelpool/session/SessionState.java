package io.github.modelpool.session;

/**
 * A session's routing state at one moment. Members are indexes in the pool's
 * declaration order.
 *
 * @param home member the session was homed to
 * @param active member serving the session now
 * @param switches switches since the session's last successful call
 * @param lastUsedNanos ticker reading of the session's last call
 */
public record SessionState(int home, int active, int switches, long lastUsedNanos) {

	/**
	 * State after moving to another member because of a failure.
	 * @param member the new active member
	 * @return the new state
	 */
	public SessionState switchedTo(int member) {
		return new SessionState(this.home, member, this.switches + 1, this.lastUsedNanos);
	}

	/**
	 * State after returning to the home member; not counted as a switch.
	 * @return the new state
	 */
	public SessionState returnedHome() {
		return new SessionState(this.home, this.home, 0, this.lastUsedNanos);
	}

	/**
	 * State after a successful call: the switch budget starts over.
	 * @return the new state
	 */
	public SessionState succeeded() {
		return new SessionState(this.home, this.active, 0, this.lastUsedNanos);
	}

	/**
	 * State after being used now.
	 * @param nanos ticker reading
	 * @return the new state
	 */
	public SessionState usedAt(long nanos) {
		return new SessionState(this.home, this.active, this.switches, nanos);
	}

	public boolean isAway() {
		return this.active != this.home;
	}

}
