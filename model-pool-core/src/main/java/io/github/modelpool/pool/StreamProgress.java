package io.github.modelpool.pool;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * What one pool stream has emitted so far, across the members that produced it. Signals
 * of one subscription are serialized, but may arrive on different threads.
 */
final class StreamProgress {

	private final StringBuilder text = new StringBuilder();

	private final List<String> members = new ArrayList<>();

	private boolean emitted;

	private boolean toolCalls;

	private RuntimeException breakError;

	/**
	 * An element of a member's answer is emitted.
	 * @param memberId the member that produced it
	 * @param response the element
	 */
	synchronized void emitted(String memberId, ChatResponse response) {
		if (this.members.isEmpty() || !this.members.get(this.members.size() - 1).equals(memberId)) {
			this.members.add(memberId);
		}
		this.emitted = true;
		this.text.append(Answers.textOf(response));
		this.toolCalls |= Answers.hasToolCalls(response);
	}

	synchronized boolean hasEmitted() {
		return this.emitted;
	}

	synchronized boolean hasToolCalls() {
		return this.toolCalls;
	}

	synchronized String text() {
		return this.text.toString();
	}

	/**
	 * Members whose elements were emitted, in order.
	 * @return the member ids
	 */
	synchronized List<String> members() {
		return List.copyOf(this.members);
	}

	/**
	 * The error that broke the answer: the first one after it started. A continuing
	 * member's own failure never replaces it.
	 * @param error the latest error
	 * @return the error the subscriber should see
	 */
	synchronized RuntimeException breakError(RuntimeException error) {
		if (this.breakError == null) {
			this.breakError = error;
		}
		return this.breakError;
	}

	/**
	 * Whether another member already took over a broken answer.
	 * @return {@code true} once a continuation started
	 */
	synchronized boolean isContinuing() {
		return this.breakError != null;
	}

}
