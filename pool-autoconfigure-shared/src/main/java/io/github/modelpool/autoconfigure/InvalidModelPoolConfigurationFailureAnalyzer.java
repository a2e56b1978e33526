package io.github.modelpool.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidModelPoolConfigurationException} at startup.
 */
class InvalidModelPoolConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidModelPoolConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidModelPoolConfigurationException cause) {
		String description = String.format("Invalid model pool configuration:%n%n    Property: %s%n    Value: %s%n"
				+ "    Reason: %s%n", cause.getProperty(), cause.getValue(), cause.getReason());
		String action = String.format("Update your application's configuration of '%s'. The model-pool "
				+ "properties are described in the project's README.", cause.getProperty());
		return new FailureAnalysis(description, action, cause);
	}

}
