package io.github.modelpool.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidModelPoolConfigurationFailureAnalyzerTests {

	@Test
	void analysisNamesThePropertyValueAndReasonAlsoWhenWrapped() {
		InvalidModelPoolConfigurationException invalid = new InvalidModelPoolConfigurationException(
				"model-pool.pools.assistant.members[1].weight", 0, "weight must be greater than 0 and at most 1000");
		FailureAnalysis analysis = new InvalidModelPoolConfigurationFailureAnalyzer()
			.analyze(new BeanCreationException("assistant", "wrapped", invalid));
		assertThat(analysis.getDescription()).contains("Property: model-pool.pools.assistant.members[1].weight")
			.contains("Value: 0")
			.contains("Reason: weight must be greater than 0");
		assertThat(analysis.getAction()).contains("model-pool.pools.assistant.members[1].weight");
		assertThat(analysis.getCause()).isSameAs(invalid);
	}

}
