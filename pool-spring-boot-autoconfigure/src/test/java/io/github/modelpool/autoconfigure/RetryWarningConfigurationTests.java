package io.github.modelpool.autoconfigure;

import io.github.modelpool.support.SimulatedProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup warning about Spring AI 1.1's own retries.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetryWarningConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(SimulatedProviderModels.class)
		.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=openAiChatModel");

	@Test
	void warnsOncePerPoolWhenSpringAiRetriesForMinutes(CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(SpringAiRetryAutoConfiguration.class))
			.withPropertyValues("model-pool.pools.batch.members[0].chat-model=anthropicChatModel")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Model pool 'assistant': under spring.ai.retry.*")
					.contains("Model pool 'batch': under spring.ai.retry.*")
					.contains("spring.ai.retry.max-attempts=1");
			});
	}

	@Test
	void warnsForEmbeddingPoolsWithMembersItRetriesNamingTheirRetryProperties(CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(SpringAiRetryAutoConfiguration.class))
			.withUserConfiguration(EmbeddingPoolConfigurationTests.SimulatedEmbeddingModels.class)
			.withPropertyValues("model-pool.embedding-pools.vectors.dimensions=8",
					"model-pool.embedding-pools.vectors.members[0].embedding-model=openAiEmbeddingModel",
					"model-pool.embedding-models.declared.provider=ollama",
					"model-pool.embedding-models.declared.model=embed-small",
					"model-pool.embedding-models.declared.dimensions=8",
					"model-pool.embedding-pools.declared-only.dimensions=8",
					"model-pool.embedding-pools.declared-only.members[0].embedding-model=declared")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Model pool 'vectors': under spring.ai.retry.*")
					.contains("(model-pool.embedding-pools.vectors.retry.*)")
					.doesNotContain("Model pool 'declared-only'");
			});
	}

	@Test
	void staysQuietWhenSpringAiRetryIsOff(CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(SpringAiRetryAutoConfiguration.class))
			.withPropertyValues("spring.ai.retry.max-attempts=1")
			.run((context) -> assertThat(output).doesNotContain("under spring.ai.retry.*"));
	}

}
