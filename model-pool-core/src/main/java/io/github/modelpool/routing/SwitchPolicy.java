package io.github.modelpool.routing;

import java.time.Duration;

import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;

/**
 * When a session leaves its member.
 *
 * @param onCircuitOpen whether sessions leave a member whose circuit breaker is open
 * @param onQuota whether a quota failure moves the call to another member
 * @param quotaRetryAfterThreshold shortest Retry-After that moves the call; {@code null}
 * moves on any quota failure
 * @param onPermanent whether a permanent failure moves the call and quarantines the member
 * @param maxSwitchesPerSession most switches of a session between two successful calls;
 * {@code null} for no limit
 * @param quarantineDuration how long a permanently failed member stays out; {@code null}
 * keeps it out until reset
 */
public record SwitchPolicy(boolean onCircuitOpen, boolean onQuota, Duration quotaRetryAfterThreshold,
		boolean onPermanent, Integer maxSwitchesPerSession, Duration quarantineDuration) {

	/** Switch on every trigger, without limits. */
	public static final SwitchPolicy DEFAULTS = new SwitchPolicy(true, true, null, true, null, null);

	public SwitchPolicy {
		if (maxSwitchesPerSession != null && maxSwitchesPerSession < 0) {
			throw new IllegalArgumentException("maxSwitchesPerSession must not be negative");
		}
	}

	/**
	 * Whether this failure should move the call to another member.
	 * @param failure the classified failure
	 * @return {@code true} to switch
	 */
	public boolean switchesOn(Failure failure) {
		if (failure.kind() == FailureKind.QUOTA) {
			return this.onQuota && (this.quotaRetryAfterThreshold == null || failure.retryAfter() == null
					|| failure.retryAfter().compareTo(this.quotaRetryAfterThreshold) >= 0);
		}
		return failure.kind() == FailureKind.PERMANENT && this.onPermanent;
	}

	/**
	 * Whether this failure takes the member out of every session.
	 * @param failure the classified failure
	 * @return {@code true} to quarantine the member
	 */
	public boolean quarantines(Failure failure) {
		return failure.kind() == FailureKind.PERMANENT && this.onPermanent;
	}

	/**
	 * Whether a session that already switched this many times may switch again.
	 * @param switches switches since the session's last success
	 * @return {@code true} while within the budget
	 */
	public boolean allowsSwitchAfter(int switches) {
		return this.maxSwitchesPerSession == null || switches < this.maxSwitchesPerSession;
	}

}
