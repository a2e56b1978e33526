package io.github.modelpool.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * A classified member failure.
 *
 * @param kind what the failure means for the pool
 * @param status HTTP status the provider answered with, or {@code null} when there was
 * no HTTP answer
 * @param retryAfter how long the provider asked callers to wait, or {@code null} when it
 * did not say
 */
public record Failure(FailureKind kind, Integer status, Duration retryAfter) {

	public Failure {
		Objects.requireNonNull(kind, "kind must not be null");
	}

	/**
	 * A failure without HTTP details.
	 * @param kind the kind
	 * @return the failure
	 */
	public static Failure of(FailureKind kind) {
		return new Failure(kind, null, null);
	}

	/**
	 * Short description for messages and operators, such as {@code QUOTA (HTTP 429,
	 * retry after PT5S)}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.kind.name());
		if (this.status != null || this.retryAfter != null) {
			text.append(" (");
			if (this.status != null) {
				text.append("HTTP ").append(this.status);
			}
			if (this.retryAfter != null) {
				text.append((this.status != null) ? ", " : "").append("retry after ").append(this.retryAfter);
			}
			text.append(')');
		}
		return text.toString();
	}

}
