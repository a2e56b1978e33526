package io.github.modelpool.session;

/**
 * A session's routing state at one moment. Members are indexes in the pool's
 * declaration order. When the session was last used is kept by the {@link Session}, so a
 * call changes no state unless the session moves.
 *
 * @param home member the session was homed to
 * @param active member serving the session now
 * @param switches switches since the session's last successful call
 */
public record SessionState(int home, int active, int switches) {

	// The state of most sessions, at home with no switch, made once per member.
	private static final SessionState[] AT_HOME = new SessionState[64];

	static {
		for (int member = 0; member < AT_HOME.length; member++) {
			AT_HOME[member] = new SessionState(member, member, 0);
		}
	}

	/**
	 * State of a session at its home member, with no switch.
	 * @param home the home member
	 * @return the state
	 */
	public static SessionState atHome(int home) {
		return (home >= 0 && home < AT_HOME.length) ? AT_HOME[home] : new SessionState(home, home, 0);
	}

	/**
	 * State after moving to another member because of a failure.
	 * @param member the new active member
	 * @return the new state
	 */
	public SessionState switchedTo(int member) {
		return new SessionState(this.home, member, this.switches + 1);
	}

	/**
	 * State after returning to the home member; not counted as a switch.
	 * @return the new state
	 */
	public SessionState returnedHome() {
		return atHome(this.home);
	}

	/**
	 * State after a successful call: the switch budget starts over.
	 * @return the new state
	 */
	public SessionState succeeded() {
		return (this.active == this.home) ? atHome(this.home) : new SessionState(this.home, this.active, 0);
	}

	public boolean isAway() {
		return this.active != this.home;
	}

}
