package io.github.modelpool.pool;

import io.github.modelpool.member.MemberState;

/**
 * A member did not admit a call: its breaker is open (or its half-open probe is taken),
 * or it is quarantined. Attached to {@link ModelPoolException}s as the member's failure;
 * no provider request was made.
 */
public class MemberUnavailableException extends RuntimeException {

	private final String memberId;

	private final MemberState state;

	public MemberUnavailableException(String poolId, String memberId, MemberState state) {
		super("Member '" + memberId + "' of model pool '" + poolId + "' did not admit the call (" + state + ")", null,
				false, false);
		this.memberId = memberId;
		this.state = state;
	}

	public String getMemberId() {
		return this.memberId;
	}

	public MemberState getState() {
		return this.state;
	}

}
