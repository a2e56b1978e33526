package io.github.modelpool.failure;

/**
 * A member answered nothing: {@code null}, a response without a result, or a stream
 * that completed without any element. Counted against the member as a transient failure.
 */
public class EmptyAnswerException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param poolId the pool
	 * @param memberId the member that answered nothing
	 */
	public EmptyAnswerException(String poolId, String memberId) {
		super("Model pool '" + poolId + "': member '" + memberId + "' returned an empty answer");
	}

}
