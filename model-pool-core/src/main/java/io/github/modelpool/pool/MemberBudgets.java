package io.github.modelpool.pool;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongSupplier;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.member.PoolMember;

/**
 * The pool's members' rate budgets as the dispatcher asks them: what a call takes from a
 * member's budget, whether a member has room, and a member's load for the routing
 * strategies that weigh it. A budget that counts nothing is never asked for an estimate,
 * so most calls never estimate their prompt.
 */
final class MemberBudgets {

	private final List<PoolMember> members;

	private final LongSupplier nanoTime;

	/** Each member's load; one instance, so asking allocates nothing. */
	final IntToDoubleFunction load = this::loadOf;

	MemberBudgets(List<PoolMember> members, LongSupplier nanoTime) {
		this.members = members;
		this.nanoTime = nanoTime;
	}

	/**
	 * What the call takes from a member's budget.
	 * @return its expected tokens, or {@link AccountBudget#NOT_RESERVED} where the budget
	 * counts nothing
	 */
	long reservation(Attempt attempt, int member) {
		AccountBudget budget = this.members.get(member).budget();
		return budget.isTracking() ? budget.estimate(attempt.promptTokens()) : AccountBudget.NOT_RESERVED;
	}

	/**
	 * Tokens the call is expected to cost at a member: nothing where its budget counts
	 * nothing.
	 */
	long estimate(Attempt attempt, int member) {
		AccountBudget budget = this.members.get(member).budget();
		return budget.isTracking() ? budget.estimate(attempt.promptTokens()) : 0;
	}

	/**
	 * Whether a member's budget can take the call now.
	 */
	boolean hasRoom(Attempt attempt, int member, long now) {
		return this.members.get(member).budget().waitNanos(estimate(attempt, member), now) == 0;
	}

	/**
	 * Whether a member's budget can take a request now, whatever its tokens.
	 */
	boolean hasRoomForARequest(int member) {
		return this.members.get(member).budget().waitNanos(0, this.nanoTime.getAsLong()) == 0;
	}

	/**
	 * A member's load for choosing among members: its gate's (latency average times calls
	 * in flight plus one), or the most of all while its rate budget has no room for a
	 * request.
	 */
	private double loadOf(int member) {
		if (!hasRoomForARequest(member)) {
			return Double.MAX_VALUE;
		}
		return this.members.get(member).gate().load();
	}

}
