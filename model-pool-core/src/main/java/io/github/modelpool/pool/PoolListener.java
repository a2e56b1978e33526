package io.github.modelpool.pool;

import java.time.Duration;

import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;

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
	 * A member answered; its provider counted these tokens.
	 * @param pool pool id
	 * @param member the member
	 * @param tokens the answer's tokens, never all zero
	 */
	default void onTokens(String pool, PoolMember member, TokenCounts tokens) {
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

	/**
	 * One call moved to another member; its session stayed.
	 * @param pool pool id
	 * @param from member the call left
	 * @param to member the call goes on with
	 * @param reason why, one of the reasons that move only calls
	 */
	default void onFailover(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
	}

	/**
	 * A member is about to be tried again within the same call.
	 * @param pool pool id
	 * @param member the member
	 * @param kind kind of the failure being retried
	 * @param wait wait before the retry
	 */
	default void onRetry(String pool, PoolMember member, FailureKind kind, Duration wait) {
	}

	/**
	 * A member ran into one of the pool's time limits.
	 * @param pool pool id
	 * @param member the member
	 * @param kind the limit
	 */
	default void onTimeout(String pool, PoolMember member, TimeoutKind kind) {
	}

}
