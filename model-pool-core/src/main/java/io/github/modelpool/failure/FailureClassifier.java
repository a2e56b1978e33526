package io.github.modelpool.failure;

/**
 * Decides what a member's exception means for the pool. Define a bean of this type to
 * replace the default classifier; delegating to {@link DefaultFailureClassifier} for the
 * cases you do not handle keeps Spring AI's exception shapes understood.
 */
@FunctionalInterface
public interface FailureClassifier {

	/**
	 * Classify an exception raised by a member model.
	 * @param error the exception, possibly wrapped by advisors or reactive operators
	 * @return the classification, never {@code null}
	 */
	Failure classify(Throwable error);

}
