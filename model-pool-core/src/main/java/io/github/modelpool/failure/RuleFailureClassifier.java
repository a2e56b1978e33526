package io.github.modelpool.failure;

import java.util.List;
import java.util.Objects;

/**
 * Tries configured {@link FailureRule rules} in order before another classifier: the
 * first rule that matches decides; without one, the other classifier's classification
 * stands.
 */
public class RuleFailureClassifier implements FailureClassifier {

	private final List<FailureRule> rules;

	private final FailureClassifier builtIn;

	/**
	 * Create a classifier.
	 * @param rules the rules, in the order they are tried
	 * @param builtIn the classifier that reads statuses and decides when no rule matches
	 */
	public RuleFailureClassifier(List<FailureRule> rules, FailureClassifier builtIn) {
		this.rules = List.copyOf(rules);
		this.builtIn = Objects.requireNonNull(builtIn, "builtIn must not be null");
	}

	@Override
	public Failure classify(Throwable error) {
		Failure builtInFailure = this.builtIn.classify(error);
		List<Throwable> chain = CauseChain.of(error);
		for (FailureRule rule : this.rules) {
			if (rule.matches(chain, builtInFailure.status())) {
				return rule.failure(builtInFailure);
			}
		}
		return builtInFailure;
	}

}
