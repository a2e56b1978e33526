package io.github.modelpool.pool;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.member.PoolMember;

/**
 * One admitted call to one member. It ends exactly once; later signals about it (a late
 * completion or error of a stream that was already replaced) are ignored.
 */
final class MemberTry implements Admission {

	private final Attempt attempt;

	private final int index;

	private final PoolMember member;

	private final long startNanos;

	// Tokens taken from the member's rate budget for this try (AccountBudget.NOT_RESERVED for
	// none), settled at its end; startNanos is when they were taken.
	private final int reservedTokens;

	private static final AtomicIntegerFieldUpdater<MemberTry> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(MemberTry.class, "ended");

	private volatile int ended;

	MemberTry(Attempt attempt, int index, PoolMember member, long startNanos, long reservedTokens) {
		this.reservedTokens = (int) Math.max(AccountBudget.NOT_RESERVED, Math.min(Integer.MAX_VALUE, reservedTokens));
		this.attempt = attempt;
		this.index = index;
		this.member = member;
		this.startNanos = startNanos;
	}

	Attempt attempt() {
		return this.attempt;
	}

	int index() {
		return this.index;
	}

	PoolMember member() {
		return this.member;
	}

	long reservedTokens() {
		return this.reservedTokens;
	}

	long startNanos() {
		return this.startNanos;
	}

	/**
	 * End this try.
	 * @return {@code true} the first time only
	 */
	boolean end() {
		return ENDED.compareAndSet(this, 0, 1);
	}

}
