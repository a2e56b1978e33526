package io.github.modelpool.context;

/**
 * Keys that pin calls to sessions.
 *
 * @param conversationId conversation id (key of {@code thread}-scoped sessions), or
 * {@code null}
 * @param runId id of one {@code ChatClient} call (key of {@code run}-scoped sessions), or
 * {@code null}
 */
public record RoutingKeys(String conversationId, String runId) {

	/** No keys: the call is an anonymous one-call session. */
	public static final RoutingKeys NONE = new RoutingKeys(null, null);

	public RoutingKeys {
		conversationId = blankToNull(conversationId);
		runId = blankToNull(runId);
	}

	/**
	 * Keys of a conversation.
	 * @param conversationId the conversation id
	 * @return the keys
	 */
	public static RoutingKeys conversation(String conversationId) {
		return new RoutingKeys(conversationId, null);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
