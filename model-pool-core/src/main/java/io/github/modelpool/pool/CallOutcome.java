package io.github.modelpool.pool;

import java.util.Locale;

import io.github.modelpool.failure.FailureKind;

/**
 * How one member's part of a pool call ended.
 */
public enum CallOutcome {

	/** The member answered. */
	SUCCESS,

	/** The member was rate limited or overloaded. */
	QUOTA,

	/** The member failed permanently. */
	PERMANENT,

	/** The member failed this time. */
	TRANSIENT,

	/** The request was at fault. */
	REQUEST,

	/** The caller gave up. */
	CANCELLED,

	/** The member's breaker or quarantine did not admit the call; no request was made. */
	NOT_PERMITTED;

	/**
	 * Outcome of a failure of the given kind.
	 * @param kind the failure kind
	 * @return the outcome
	 */
	public static CallOutcome of(FailureKind kind) {
		return CallOutcome.valueOf(kind.name());
	}

	/**
	 * Name used in metric tags and observation keys.
	 * @return the name in lower case, such as {@code not_permitted}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
