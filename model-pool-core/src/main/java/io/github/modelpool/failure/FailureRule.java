package io.github.modelpool.failure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule that classifies the failures of a provider the built-in classification does
 * not know, without code: an exception type, optionally an HTTP status and a text in
 * the message, and what a matching failure is.
 *
 * @param exception fully qualified class name; matches that class or a subclass anywhere
 * in the failure's cause chain
 * @param status the HTTP status the failure must carry, or {@code null} for any; matched
 * when the status can be read from the failure
 * @param messageContains text a message in the cause chain must contain, any case, or
 * {@code null} for any
 * @param kind what a matching failure is
 */
public record FailureRule(String exception, Integer status, String messageContains, Kind kind) {

	public FailureRule {
		if (exception == null || exception.isBlank()) {
			throw new IllegalArgumentException("exception must name an exception class");
		}
		if (kind == null) {
			throw new IllegalArgumentException("kind must be one of " + Kind.names());
		}
		if (status != null && (status < 100 || status > 599)) {
			throw new IllegalArgumentException("status must be an HTTP status (100 to 599)");
		}
		if (messageContains != null && messageContains.isEmpty()) {
			messageContains = null;
		}
	}

	/**
	 * Whether a failure matches this rule.
	 * @param chain the failure and its causes
	 * @param readStatus the HTTP status the built-in classification read from it, or
	 * {@code null}
	 * @return {@code true} when every condition of the rule holds
	 */
	boolean matches(List<Throwable> chain, Integer readStatus) {
		if (this.status != null && !this.status.equals(readStatus)) {
			return false;
		}
		Set<String> type = Set.of(this.exception);
		String text = (this.messageContains != null) ? this.messageContains.toLowerCase(Locale.ROOT) : null;
		return chain.stream().anyMatch((cause) -> TypeNames.extendsAny(cause.getClass(), type))
				&& (text == null || chain.stream()
					.anyMatch((cause) -> cause.getMessage() != null
							&& cause.getMessage().toLowerCase(Locale.ROOT).contains(text)));
	}

	/**
	 * What a matching failure is.
	 * @param builtIn the built-in classification of the same failure
	 * @return the failure, with the status and (for quota) the wait the built-in
	 * classification read
	 */
	Failure failure(Failure builtIn) {
		return new Failure(this.kind.failureKind, builtIn.status(),
				(this.kind == Kind.QUOTA) ? builtIn.retryAfter() : null, this.kind.detail);
	}

	/**
	 * What a rule makes of a matching failure.
	 */
	public enum Kind {

		/** Rate limited or overloaded: the conversation moves, the member is not retried. */
		QUOTA(FailureKind.QUOTA, FailureDetail.NONE),

		/** Broken until someone acts (bad key, unknown model): quarantined. */
		PERMANENT(FailureKind.PERMANENT, FailureDetail.NONE),

		/** Failed this time: retried, then the call moves. */
		TRANSIENT(FailureKind.TRANSIENT, FailureDetail.NONE),

		/** The caller's mistake: reaches the caller unchanged, blames no member. */
		REQUEST(FailureKind.REQUEST, FailureDetail.NONE),

		/** The prompt is too long for the member: the call moves to a larger window. */
		CONTEXT_LENGTH(FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH);

		private final FailureKind failureKind;

		private final FailureDetail detail;

		Kind(FailureKind failureKind, FailureDetail detail) {
			this.failureKind = failureKind;
			this.detail = detail;
		}

		/**
		 * The kinds as they are written in configuration.
		 * @return such as {@code quota, permanent, transient, request, context-length}
		 */
		public static String names() {
			return Arrays.stream(values())
				.map((kind) -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}

	}

}
