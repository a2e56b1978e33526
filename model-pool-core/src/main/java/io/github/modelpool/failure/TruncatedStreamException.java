package io.github.modelpool.failure;

/**
 * A member's stream completed without a finish reason: the connection ended mid-answer,
 * so the answer is incomplete. Counted against the member as a transient failure.
 */
public class TruncatedStreamException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param poolId the pool
	 * @param memberId the member whose stream ended early
	 */
	public TruncatedStreamException(String poolId, String memberId) {
		super("Model pool '" + poolId + "': the stream of member '" + memberId
				+ "' ended without a finish reason; the answer is incomplete");
	}

}
