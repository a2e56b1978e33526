package io.github.modelpool.failure;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A classified member failure.
 *
 * @param kind what the failure means for the pool
 * @param status HTTP status the provider answered with, or {@code null} when there was
 * no HTTP answer
 * @param retryAfter how long the provider asked callers to wait, or {@code null} when it
 * did not say
 * @param detail what else the failure says
 */
public record Failure(FailureKind kind, Integer status, Duration retryAfter, FailureDetail detail) {

	public Failure {
		Objects.requireNonNull(kind, "kind must not be null");
		detail = Objects.requireNonNullElse(detail, FailureDetail.NONE);
	}

	/**
	 * A failure without further detail.
	 * @param kind the kind
	 * @param status HTTP status, or {@code null}
	 * @param retryAfter requested wait, or {@code null}
	 */
	public Failure(FailureKind kind, Integer status, Duration retryAfter) {
		this(kind, status, retryAfter, FailureDetail.NONE);
	}

	/**
	 * A failure without HTTP details.
	 * @param kind the kind
	 * @return the failure
	 */
	public static Failure of(FailureKind kind) {
		return new Failure(kind, null, null, FailureDetail.NONE);
	}

	/**
	 * A failure without HTTP details.
	 * @param kind the kind
	 * @param detail what else it says
	 * @return the failure
	 */
	public static Failure of(FailureKind kind, FailureDetail detail) {
		return new Failure(kind, null, null, detail);
	}

	/**
	 * Whether the member did not answer in time.
	 * @return {@code true} for timeouts
	 */
	public boolean isTimeout() {
		return this.detail == FailureDetail.TIMEOUT;
	}

	/**
	 * Short description for messages and operators, such as {@code QUOTA (HTTP 429,
	 * retry after PT5S)} or {@code TRANSIENT (timeout)}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.kind.name());
		StringBuilder details = new StringBuilder();
		if (this.status != null) {
			details.append("HTTP ").append(this.status);
		}
		if (this.retryAfter != null) {
			details.append(details.isEmpty() ? "" : ", ").append("retry after ").append(this.retryAfter);
		}
		if (this.detail != FailureDetail.NONE) {
			details.append(details.isEmpty() ? "" : ", ")
				.append(this.detail.name().toLowerCase(Locale.ROOT).replace('_', ' '));
		}
		if (!details.isEmpty()) {
			text.append(" (").append(details).append(')');
		}
		return text.toString();
	}

}
