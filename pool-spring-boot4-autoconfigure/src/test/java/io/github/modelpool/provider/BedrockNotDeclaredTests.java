package io.github.modelpool.provider;

import io.github.modelpool.autoconfigure.InvalidModelPoolConfigurationException;
import io.github.modelpool.autoconfigure.ModelPoolAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the Boot 4 line, bedrock models are not declared: startup says so, naming the
 * property and the way that works here (a bean).
 */
class BedrockNotDeclaredTests {

	@Test
	void aDeclaredBedrockModelStopsStartupSayingToDefineABean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
			.withPropertyValues("model-pool.models.claude.provider=bedrock",
					"model-pool.models.claude.model=anthropic.claude-3-5-haiku-20241022-v1:0",
					"model-pool.models.claude.region=us-east-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidModelPoolConfigurationException invalid = null;
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					if (cause instanceof InvalidModelPoolConfigurationException found) {
						invalid = found;
					}
				}
				assertThat(invalid).isNotNull();
				assertThat(invalid.getProperty()).isEqualTo("model-pool.models.claude.provider");
				assertThat(invalid.getReason()).contains("declared on the Boot 3 line (Spring AI 1.1) only")
					.contains("org.springframework.ai.bedrock.converse.BedrockProxyChatModel");
			});
	}

}
