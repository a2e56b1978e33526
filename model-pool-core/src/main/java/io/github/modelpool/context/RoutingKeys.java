package io.github.modelpool.context;

import java.util.Objects;

/**
 * Keys that pin calls to sessions: a conversation id (key of {@code thread}-scoped
 * sessions) and a run id (key of {@code run}-scoped sessions), each {@code null} when
 * absent. Blank ids count as absent.
 * <p>
 * A run id the routing advisor draws is formatted only when a pool asks for it, so calls
 * to pools that key sessions by conversation never pay for one.
 */
public final class RoutingKeys {

	/** No keys: the call is an anonymous one-call session. */
	public static final RoutingKeys NONE = new RoutingKeys(null, null);

	private final String conversationId;

	private final long runNumber;

	// Given, or formatted from the run number on first use. A race formats equal strings.
	private String runId;

	/**
	 * Keys with the given ids.
	 * @param conversationId id of the conversation, or {@code null}
	 * @param runId id of one {@code ChatClient} call, or {@code null}
	 */
	public RoutingKeys(String conversationId, String runId) {
		this(blankToNull(conversationId), RunIds.NONE, blankToNull(runId));
	}

	private RoutingKeys(String conversationId, long runNumber, String runId) {
		this.conversationId = conversationId;
		this.runNumber = runNumber;
		this.runId = runId;
	}

	/**
	 * Keys of a conversation.
	 * @param conversationId the conversation id
	 * @return the keys
	 */
	public static RoutingKeys conversation(String conversationId) {
		return new RoutingKeys(conversationId, null);
	}

	/**
	 * Keys of a new run, with a run id unique across application instances.
	 * @param conversationId the conversation id, or {@code null}
	 * @return the keys
	 */
	static RoutingKeys newRun(String conversationId) {
		return new RoutingKeys(blankToNull(conversationId), RunIds.next(), null);
	}

	/**
	 * These keys with another conversation id, the run kept.
	 * @param conversationId the conversation id
	 * @return the keys
	 */
	RoutingKeys withConversation(String conversationId) {
		return new RoutingKeys(blankToNull(conversationId), this.runNumber, this.runId);
	}

	/**
	 * The conversation id.
	 * @return the id, or {@code null}
	 */
	public String conversationId() {
		return this.conversationId;
	}

	/**
	 * The run id: one {@code ChatClient} call, every round of it.
	 * @return the id, or {@code null}
	 */
	public String runId() {
		String id = this.runId;
		if (id == null && this.runNumber != RunIds.NONE) {
			id = RunIds.format(this.runNumber);
			this.runId = id;
		}
		return id;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof RoutingKeys keys
				&& Objects.equals(this.conversationId, keys.conversationId) && Objects.equals(runId(), keys.runId()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.conversationId, runId());
	}

	@Override
	public String toString() {
		return "RoutingKeys[conversationId=" + this.conversationId + ", runId=" + runId() + "]";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
