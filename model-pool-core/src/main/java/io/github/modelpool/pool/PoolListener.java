package io.github.modelpool.pool;

import io.github.modelpool.member.PoolMember;

/**
 * Hears what a pool does, for metrics and logs. Called on the calling thread; keep it
 * fast and never throw.
 */
public interface PoolListener {

	/** A listener that does nothing. */
	PoolListener NONE = new PoolListener() {
	};

	/**
	 * One member's part of a call ended.
	 * @param pool pool id
	 * @param member the member
	 * @param outcome how it ended
	 * @param mode how the pool was called
	 * @param nanos how long the member took, {@code 0} when not admitted
	 */
	default void onMemberCall(String pool, PoolMember member, CallOutcome outcome, CallMode mode, long nanos) {
	}

	/**
	 * A session moved to another member.
	 * @param pool pool id
	 * @param from member left
	 * @param to member taken
	 * @param reason why
	 */
	default void onSwitch(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
	}

}
