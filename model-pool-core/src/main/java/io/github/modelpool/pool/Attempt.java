package io.github.modelpool.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.session.Session;

/**
 * One logical pool call: its session, its deadline, the members it reached, how often
 * it tried each and what happened there. A call moves from member to member one step at
 * a time, possibly across threads, so access is synchronized.
 */
final class Attempt {

	private final Session session;

	private final CallMode mode;

	private final long deadlineNanos;

	// Most calls succeed at their first member: what only failures need is made when one
	// happens.

	private final long[] reached;

	private long[] waitedOut;

	private final int[] tries;

	private int totalTries;

	private Map<String, String> outcomes;

	private List<Throwable> errors;

	private RuntimeException lastError;

	/**
	 * Create a call.
	 * @param session its session
	 * @param mode how the pool was called
	 * @param memberCount members in the pool
	 * @param deadlineNanos ticker reading by which the call must end, or
	 * {@link Long#MAX_VALUE} for none
	 */
	Attempt(Session session, CallMode mode, int memberCount, long deadlineNanos) {
		this.session = session;
		this.mode = mode;
		this.tries = new int[memberCount];
		this.reached = new long[words(memberCount)];
		this.deadlineNanos = deadlineNanos;
	}

	Session session() {
		return this.session;
	}

	CallMode mode() {
		return this.mode;
	}

	/**
	 * Time left before the call's deadline.
	 * @param nowNanos ticker reading
	 * @return nanoseconds left, {@link Long#MAX_VALUE} without deadline
	 */
	long remainingNanos(long nowNanos) {
		return (this.deadlineNanos == Long.MAX_VALUE) ? Long.MAX_VALUE : Math.max(0, this.deadlineNanos - nowNanos);
	}

	synchronized void reach(int member) {
		set(this.reached, member);
	}

	synchronized boolean reached(int member) {
		return isSet(this.reached, member);
	}

	synchronized int reachedCount() {
		int count = 0;
		for (long word : this.reached) {
			count += Long.bitCount(word);
		}
		return count;
	}

	/**
	 * Count a try of a member that admitted the call.
	 * @param member the member
	 */
	synchronized void tried(int member) {
		this.tries[member]++;
		this.totalTries++;
	}

	synchronized int triesAt(int member) {
		return this.tries[member];
	}

	/**
	 * Member tries of this call so far, retries included.
	 * @return the number of tries
	 */
	synchronized int totalTries() {
		return this.totalTries;
	}

	/**
	 * Note that this call waits out a Retry-After of a member, which it does once per
	 * member.
	 * @param member the member
	 * @return {@code true} the first time for this member
	 */
	synchronized boolean waitOut(int member) {
		if (this.waitedOut == null) {
			this.waitedOut = new long[this.reached.length];
		}
		if (isSet(this.waitedOut, member)) {
			return false;
		}
		set(this.waitedOut, member);
		return true;
	}

	synchronized void notAdmitted(String memberId, String state, MemberUnavailableException refusal) {
		record(memberId, state, refusal);
	}

	synchronized void failed(String memberId, String description, RuntimeException error) {
		record(memberId, description, error);
		this.lastError = error;
	}

	private void record(String memberId, String outcome, Throwable error) {
		if (this.outcomes == null) {
			this.outcomes = new LinkedHashMap<>();
			this.errors = new ArrayList<>();
		}
		this.outcomes.put(memberId, outcome);
		this.errors.add(error);
	}

	/**
	 * The most recent provider error of this call (refusals by breakers or quarantine do
	 * not count).
	 * @return the error, or {@code null} when no member failed yet
	 */
	synchronized RuntimeException lastError() {
		return this.lastError;
	}

	synchronized Map<String, String> outcomes() {
		return (this.outcomes != null) ? new LinkedHashMap<>(this.outcomes) : new LinkedHashMap<>();
	}

	synchronized List<Throwable> errors() {
		return (this.errors != null) ? List.copyOf(this.errors) : List.of();
	}

	private static int words(int bits) {
		return (bits + Long.SIZE - 1) / Long.SIZE;
	}

	private static void set(long[] words, int bit) {
		words[bit / Long.SIZE] |= 1L << (bit % Long.SIZE);
	}

	private static boolean isSet(long[] words, int bit) {
		return (words[bit / Long.SIZE] & (1L << (bit % Long.SIZE))) != 0;
	}

}
