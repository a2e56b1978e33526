package io.github.modelpool.routing;

import java.time.Duration;

import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureDetail;
import io.github.modelpool.failure.FailureKind;

/**
 * When a call or its session leaves a member.
 *
 * @param onCircuitOpen whether sessions leave a member whose circuit breaker is open
 * @param onQuota whether a quota failure moves the session to another member
 * @param quotaRetryAfterThreshold longest Retry-After that is waited out on the same
 * member (once per call); longer or unknown waits move the session; {@code null} never
 * waits
 * @param onPermanent whether a permanent failure moves the session and quarantines the
 * member
 * @param onTransient whether a transient failure, once retries on the member are spent,
 * moves the call to another member (the session stays)
 * @param onContextLength whether a context-length error moves the call to a member with
 * a larger context window (the session stays)
 * @param maxSwitchesPerSession most switches of a session between two successful calls;
 * {@code null} for no limit
 * @param quarantineDuration how long a permanently failed member stays out; {@code null}
 * keeps it out until reset
 */
public record SwitchPolicy(boolean onCircuitOpen, boolean onQuota, Duration quotaRetryAfterThreshold,
		boolean onPermanent, boolean onTransient, boolean onContextLength, Integer maxSwitchesPerSession,
		Duration quarantineDuration) {

	/** Switch on every trigger, wait out Retry-After up to 5 s, without limits. */
	public static final SwitchPolicy DEFAULTS = new Builder().build();

	public SwitchPolicy {
		PolicyArguments.notNegative("quotaRetryAfterThreshold", quotaRetryAfterThreshold, true);
		if (maxSwitchesPerSession != null) {
			PolicyArguments.notNegative("maxSwitchesPerSession", maxSwitchesPerSession);
		}
		PolicyArguments.positive("quarantineDuration", quarantineDuration, true);
	}

	/**
	 * Start from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether this failure should move the session to another member.
	 * @param failure the classified failure
	 * @return {@code true} to switch
	 */
	public boolean switchesOn(Failure failure) {
		if (failure.kind() == FailureKind.QUOTA) {
			return this.onQuota;
		}
		return failure.kind() == FailureKind.PERMANENT && this.onPermanent;
	}

	/**
	 * Whether this failure asks for a wait short enough to retry the same member after it.
	 * @param failure the classified failure
	 * @return {@code true} for a quota failure whose Retry-After is at most the threshold
	 */
	public boolean waitsOut(Failure failure) {
		return failure.kind() == FailureKind.QUOTA && failure.retryAfter() != null
				&& this.quotaRetryAfterThreshold != null
				&& failure.retryAfter().compareTo(this.quotaRetryAfterThreshold) <= 0;
	}

	/**
	 * Whether a member's rate budget that frees after this wait is waited for in place,
	 * as a Retry-After of the same length would be.
	 * @param wait how long until the budget frees
	 * @return {@code true} when the wait is at most the quota Retry-After threshold
	 */
	public boolean waitsOutRateBudget(Duration wait) {
		return this.quotaRetryAfterThreshold != null && wait.compareTo(this.quotaRetryAfterThreshold) <= 0;
	}

	/**
	 * Whether this failure moves the call (not the session) to a member with a larger
	 * context window.
	 * @param failure the classified failure
	 * @return {@code true} for a context-length error when enabled
	 */
	public boolean movesOnContextLength(Failure failure) {
		return this.onContextLength && failure.detail() == FailureDetail.CONTEXT_LENGTH;
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

	/**
	 * A builder starting from these settings.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder().onCircuitOpen(this.onCircuitOpen)
			.onQuota(this.onQuota)
			.quotaRetryAfterThreshold(this.quotaRetryAfterThreshold)
			.onPermanent(this.onPermanent)
			.onTransient(this.onTransient)
			.onContextLength(this.onContextLength)
			.maxSwitchesPerSession(this.maxSwitchesPerSession)
			.quarantineDuration(this.quarantineDuration);
	}

	/**
	 * Builds a {@link SwitchPolicy}, starting from the defaults.
	 */
	public static final class Builder {

		private boolean onCircuitOpen = true;

		private boolean onQuota = true;

		private Duration quotaRetryAfterThreshold = Duration.ofSeconds(5);

		private boolean onPermanent = true;

		private boolean onTransient = true;

		private boolean onContextLength = true;

		private Integer maxSwitchesPerSession;

		private Duration quarantineDuration;

		private Builder() {
		}

		public Builder onCircuitOpen(boolean onCircuitOpen) {
			this.onCircuitOpen = onCircuitOpen;
			return this;
		}

		public Builder onQuota(boolean onQuota) {
			this.onQuota = onQuota;
			return this;
		}

		public Builder quotaRetryAfterThreshold(Duration quotaRetryAfterThreshold) {
			this.quotaRetryAfterThreshold = quotaRetryAfterThreshold;
			return this;
		}

		public Builder onPermanent(boolean onPermanent) {
			this.onPermanent = onPermanent;
			return this;
		}

		public Builder onTransient(boolean onTransient) {
			this.onTransient = onTransient;
			return this;
		}

		public Builder onContextLength(boolean onContextLength) {
			this.onContextLength = onContextLength;
			return this;
		}

		public Builder maxSwitchesPerSession(Integer maxSwitchesPerSession) {
			this.maxSwitchesPerSession = maxSwitchesPerSession;
			return this;
		}

		public Builder quarantineDuration(Duration quarantineDuration) {
			this.quarantineDuration = quarantineDuration;
			return this;
		}

		public SwitchPolicy build() {
			return new SwitchPolicy(this.onCircuitOpen, this.onQuota, this.quotaRetryAfterThreshold, this.onPermanent,
					this.onTransient, this.onContextLength, this.maxSwitchesPerSession, this.quarantineDuration);
		}

	}

}
