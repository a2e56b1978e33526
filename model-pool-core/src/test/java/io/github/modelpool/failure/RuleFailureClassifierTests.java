package io.github.modelpool.failure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Configured rules classify the failures of providers the built-in classification does
 * not know, tried in order before it.
 */
class RuleFailureClassifierTests {

	private final DefaultFailureClassifier builtIn = new DefaultFailureClassifier();

	@Test
	void aRuleMatchesItsExceptionTypeOrASubclassAnywhereInTheCauseChain() {
		RuleFailureClassifier classifier = new RuleFailureClassifier(
				List.of(new FailureRule(AcmeException.class.getName(), null, null, FailureRule.Kind.QUOTA)),
				this.builtIn);
		assertThat(classifier.classify(new AcmeException("busy")).kind()).isEqualTo(FailureKind.QUOTA);
		assertThat(classifier.classify(new AcmeThrottled()).kind()).isEqualTo(FailureKind.QUOTA);
		assertThat(classifier.classify(new CompletionException(new RuntimeException(new AcmeException("x")))).kind())
			.isEqualTo(FailureKind.QUOTA);
		assertThat(classifier.classify(new IllegalStateException("other")).kind())
			.as("the built-in classification stands without a match")
			.isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void statusAndMessageNarrowARuleMessagesMatchedInAnyCase() {
		RuleFailureClassifier classifier = new RuleFailureClassifier(List.of(
				new FailureRule(AcmeException.class.getName(), 400, "Key Revoked", FailureRule.Kind.PERMANENT)),
				this.builtIn);
		assertThat(classifier.classify(new AcmeHttpException(400, "acme: key revoked")).kind())
			.isEqualTo(FailureKind.PERMANENT);
		assertThat(classifier.classify(new AcmeHttpException(400, "acme: bad option")).kind())
			.as("the message does not match")
			.isEqualTo(FailureKind.REQUEST);
		assertThat(classifier.classify(new AcmeHttpException(500, "acme: key revoked")).kind())
			.as("the status does not match")
			.isEqualTo(FailureKind.TRANSIENT);
		assertThat(classifier.classify(new AcmeException("key revoked")).kind())
			.as("no status could be read")
			.isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void theFirstMatchingRuleDecides() {
		RuleFailureClassifier classifier = new RuleFailureClassifier(List.of(
				new FailureRule(AcmeException.class.getName(), null, "too many tokens",
						FailureRule.Kind.CONTEXT_LENGTH),
				new FailureRule(AcmeException.class.getName(), null, null, FailureRule.Kind.REQUEST)), this.builtIn);
		Failure contextLength = classifier.classify(new AcmeException("Too many tokens in the prompt"));
		assertThat(contextLength.kind()).isEqualTo(FailureKind.REQUEST);
		assertThat(contextLength.detail()).isEqualTo(FailureDetail.CONTEXT_LENGTH);
		assertThat(classifier.classify(new AcmeException("bad")).detail()).isEqualTo(FailureDetail.NONE);
	}

	@Test
	void aQuotaRuleKeepsTheStatusAndTheWaitTheProviderAskedFor() {
		RuleFailureClassifier classifier = new RuleFailureClassifier(
				List.of(new FailureRule(AcmeException.class.getName(), null, null, FailureRule.Kind.QUOTA)),
				this.builtIn);
		Failure failure = classifier.classify(new AcmeHttpException(429, "slow down", "7"));
		assertThat(failure.status()).isEqualTo(429);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void incompleteOrInvalidRulesAreRefusedSayingWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FailureRule(" ", null, null, FailureRule.Kind.QUOTA))
			.withMessage("exception must name an exception class");
		assertThatIllegalArgumentException().isThrownBy(() -> new FailureRule("x.Y", null, null, null))
			.withMessage("kind must be one of quota, permanent, transient, request, context-length");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FailureRule("x.Y", 42, null, FailureRule.Kind.QUOTA))
			.withMessage("status must be an HTTP status (100 to 599)");
	}

	static class AcmeException extends RuntimeException {

		AcmeException(String message) {
			super(message);
		}

	}

	static class AcmeThrottled extends AcmeException {

		AcmeThrottled() {
			super("throttled");
		}

	}

	static class AcmeHttpException extends AcmeException implements ProviderHttpError {

		private final int status;

		private final String retryAfter;

		AcmeHttpException(int status, String message) {
			this(status, message, null);
		}

		AcmeHttpException(int status, String message, String retryAfter) {
			super(message);
			this.status = status;
			this.retryAfter = retryAfter;
		}

		@Override
		public int statusCode() {
			return this.status;
		}

		@Override
		public String responseHeader(String name) {
			return "Retry-After".equalsIgnoreCase(name) ? this.retryAfter : null;
		}

		@Override
		public String responseBody() {
			return getMessage();
		}

	}

}
