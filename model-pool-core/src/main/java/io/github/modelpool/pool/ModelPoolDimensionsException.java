package io.github.modelpool.pool;

import java.util.List;
import java.util.Map;

/**
 * A member of an embedding pool answered vectors of another length than the pool's
 * {@code dimensions}: its model is not the pool's model, and its vectors are not
 * comparable with the others'. The call fails; no member is blamed (the member answered)
 * and the answer is never handed on, so no vector of another space is stored.
 */
public class ModelPoolDimensionsException extends ModelPoolException {

	private final String memberId;

	private final int expected;

	private final int actual;

	public ModelPoolDimensionsException(String poolId, String memberId, int expected, int actual) {
		super(poolId, "expects vectors of " + expected + " dimensions, but member '" + memberId + "' answered "
				+ actual + "; pool only members of one model", Map.of(memberId, actual + " dimensions"), List.of());
		this.memberId = memberId;
		this.expected = expected;
		this.actual = actual;
	}

	/**
	 * The member whose answer had the wrong length.
	 * @return its id
	 */
	public String getMemberId() {
		return this.memberId;
	}

	/**
	 * The pool's {@code dimensions}.
	 * @return the length every vector must have
	 */
	public int getExpected() {
		return this.expected;
	}

	/**
	 * The length the member answered.
	 * @return the first wrong length
	 */
	public int getActual() {
		return this.actual;
	}

}
