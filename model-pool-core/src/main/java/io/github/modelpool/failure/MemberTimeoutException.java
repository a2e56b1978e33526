package io.github.modelpool.failure;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * A member ran into one of the pool's own time limits; its request was cancelled. A
 * transient failure that counts against the member, never retried on the same member
 * within the call.
 */
public class MemberTimeoutException extends RuntimeException {

	private final TimeoutKind kind;

	/**
	 * Create an exception.
	 * @param poolId the pool
	 * @param memberId the member that ran out of time
	 * @param kind the limit it ran into
	 * @param limit the limit
	 */
	public MemberTimeoutException(String poolId, String memberId, TimeoutKind kind, Duration limit) {
		super("Model pool '" + poolId + "': member '" + memberId + "' exceeded the "
				+ kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " timeout of " + limit,
				new TimeoutException(kind.name()));
		this.kind = kind;
	}

	public TimeoutKind getKind() {
		return this.kind;
	}

}
