package io.github.modelpool.pool;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.session.Session;

/**
 * One logical pool call: its session, the members it reached and what happened at each.
 * A call moves from member to member one step at a time, possibly across threads, so
 * access is synchronized.
 */
final class Attempt {

	private final Session session;

	private final CallMode mode;

	private final BitSet reached = new BitSet();

	private final Map<String, String> outcomes = new LinkedHashMap<>();

	private final List<Throwable> errors = new ArrayList<>();

	private RuntimeException lastError;

	Attempt(Session session, CallMode mode) {
		this.session = session;
		this.mode = mode;
	}

	Session session() {
		return this.session;
	}

	CallMode mode() {
		return this.mode;
	}

	synchronized void reach(int member) {
		this.reached.set(member);
	}

	synchronized boolean reached(int member) {
		return this.reached.get(member);
	}

	synchronized void notAdmitted(String memberId, String state, MemberUnavailableException refusal) {
		this.outcomes.put(memberId, state);
		this.errors.add(refusal);
	}

	synchronized void failed(String memberId, String description, RuntimeException error) {
		this.outcomes.put(memberId, description);
		this.errors.add(error);
		this.lastError = error;
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
		return new LinkedHashMap<>(this.outcomes);
	}

	synchronized List<Throwable> errors() {
		return List.copyOf(this.errors);
	}

}
