package io.github.modelpool.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.member.PromptCacheKeys;
import io.github.modelpool.session.Session;

/**
 * One logical pool call: its session, its deadline, the members it reached, how often
 * it tried each and what happened there. A call moves from member to member one step at
 * a time, possibly across threads, so access is synchronized.
 */
final class Attempt {

	private static final int REACHED = 1;

	private static final int WAITED_OUT = 2;

	private static final int TRIES_SHIFT = 2;

	private static final int ONE_TRY = 1 << TRIES_SHIFT;

	private final Session session;

	private final CallMode mode;

	private final long deadlineNanos;

	// The conversation whose key members are given for their provider's prompt cache.
	private final String cachedConversation;

	// Per member, one int: its tries above two flags, whether the call reached it and
	// whether the call waited out its Retry-After.
	private final int[] members;

	// What the pool was given: a prompt, or the texts of an embedding request.
	private final Object input;

	// The input's estimated tokens, made when a member's rate budget first asks.
	private int promptTokens = -1;

	// Most calls succeed at their first member: what only failures need is made when one
	// happens.
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
	 * @param cachedConversation the conversation whose prompt-cache key members are
	 * given, or {@code null} for none
	 * @param input what the pool was given, as {@link PromptTokens} reads it
	 */
	Attempt(Session session, CallMode mode, int memberCount, long deadlineNanos, String cachedConversation,
			Object input) {
		this.input = input;
		this.session = session;
		this.mode = mode;
		this.members = new int[memberCount];
		this.deadlineNanos = deadlineNanos;
		this.cachedConversation = cachedConversation;
	}

	/**
	 * The provider prompt-cache key of this call, made for each try of a member that
	 * takes one (most calls never make it).
	 * @return the key, or {@code null} when the call forwards none
	 */
	String cacheKey() {
		return (this.cachedConversation != null) ? PromptCacheKeys.of(this.cachedConversation) : null;
	}

	/**
	 * The input's tokens as {@link PromptTokens} estimates them.
	 * @return the estimate
	 */
	synchronized long promptTokens() {
		if (this.promptTokens < 0) {
			this.promptTokens = (int) Math.min(Integer.MAX_VALUE, PromptTokens.estimate(this.input));
		}
		return this.promptTokens;
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
		this.members[member] |= REACHED;
	}

	synchronized boolean reached(int member) {
		return (this.members[member] & REACHED) != 0;
	}

	synchronized int reachedCount() {
		int count = 0;
		for (int member : this.members) {
			count += member & REACHED;
		}
		return count;
	}

	/**
	 * Count a try of a member that admitted the call, which the call thereby reached.
	 * @param member the member
	 */
	synchronized void tried(int member) {
		this.members[member] = (this.members[member] | REACHED) + ONE_TRY;
	}

	synchronized int triesAt(int member) {
		return this.members[member] >>> TRIES_SHIFT;
	}

	/**
	 * Member tries of this call so far, retries included.
	 * @return the number of tries
	 */
	synchronized int totalTries() {
		int tries = 0;
		for (int member : this.members) {
			tries += member >>> TRIES_SHIFT;
		}
		return tries;
	}

	/**
	 * Note that this call waits out a Retry-After of a member, which it does once per
	 * member.
	 * @param member the member
	 * @return {@code true} the first time for this member
	 */
	synchronized boolean waitOut(int member) {
		if ((this.members[member] & WAITED_OUT) != 0) {
			return false;
		}
		this.members[member] |= WAITED_OUT;
		return true;
	}

	/**
	 * Whether this call waited out a Retry-After or a rate budget of a member.
	 * @param member the member
	 * @return {@code true} once it did
	 */
	synchronized boolean waitedOut(int member) {
		return (this.members[member] & WAITED_OUT) != 0;
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

}
