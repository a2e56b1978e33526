package io.github.modelpool.provider;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.modelpool.autoconfigure.InvalidModelPoolConfigurationException;
import io.github.modelpool.autoconfigure.ModelPoolAutoConfiguration;
import io.github.modelpool.simulator.ProviderSimulator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Declared bedrock models on the Boot 3 line: region and profile, validated at startup.
 */
class DeclaredBedrockModelConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withPropertyValues("model-pool.models.claude.provider=bedrock",
				"model-pool.models.claude.model=anthropic.claude-3-5-haiku-20241022-v1:0");

	@Test
	void aBedrockModelIsABedrockConverseModelBeanInItsRegion() {
		this.runner.withPropertyValues("model-pool.models.claude.region=eu-central-1").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("claude")).isInstanceOf(BedrockProxyChatModel.class);
		});
	}

	@Test
	void itsSdkClientsCloseWithTheContext() {
		try (ProviderSimulator simulator = ProviderSimulator.start()) {
			AtomicReference<ChatModel> model = new AtomicReference<>();
			System.setProperty("aws.accessKeyId", "AKIACLOSE0000000001");
			System.setProperty("aws.secretAccessKey", "close-secret");
			try {
				this.runner
					.withPropertyValues("model-pool.models.claude.region=us-east-1",
							"model-pool.models.claude.base-url=" + simulator.baseUrl("claude"))
					.run((context) -> {
						model.set(context.getBean("claude", ChatModel.class));
						assertThat(model.get().call(new Prompt("hi")).getResult().getOutput().getText())
							.isEqualTo("[claude] You said: hi");
						assertThat(model.get().stream(new Prompt("hi")).collectList().block(Duration.ofSeconds(10)))
							.isNotEmpty();
					});
				assertThatIllegalStateException().isThrownBy(() -> model.get().call(new Prompt("hi")))
					.withMessageContaining("shut down");
				assertThat(catchThrowable(() -> model.get().stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10))))
					.isNotNull();
			}
			finally {
				System.clearProperty("aws.accessKeyId");
				System.clearProperty("aws.secretAccessKey");
			}
		}
	}

	@Test
	void badRegionsProfilesAndKeysStopStartupNamingTheProperty() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.claude.region=Frankfurt"),
				"model-pool.models.claude.region", "not an AWS region name");
		assertInvalid(this.runner.withPropertyValues("model-pool.models.claude.profile= "),
				"model-pool.models.claude.profile", "name an AWS profile");
		assertInvalid(this.runner.withPropertyValues("model-pool.models.claude.api-key=sk-not-for-aws"),
				"model-pool.models.claude.api-key", "sign requests with AWS credentials");
		assertInvalid(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
			.withPropertyValues("model-pool.models.fast.provider=openai", "model-pool.models.fast.api-key=k",
					"model-pool.models.fast.model=gpt-4o-mini", "model-pool.models.fast.region=us-east-1"),
				"model-pool.models.fast.region", "bedrock models only");
	}

	@Test
	void noRegionAnywhereStopsStartupNamingTheProperty() {
		String region = System.clearProperty("aws.region");
		try {
			Assumptions.assumeTrue(System.getenv("AWS_REGION") == null
					&& System.getenv("AWS_DEFAULT_REGION") == null, "this machine sets an AWS region");
			this.runner.withPropertyValues("model-pool.models.claude.profile=no-such-profile").run((context) -> {
				assertThat(context).hasFailed();
				Throwable ours = context.getStartupFailure();
				while (ours != null && !(ours instanceof IllegalStateException
						&& String.valueOf(ours.getMessage()).startsWith("model-pool.models.claude.region"))) {
					ours = ours.getCause();
				}
				assertThat(ours).as("%s", context.getStartupFailure()).isNotNull();
				assertThat(ours).hasMessageContaining("the default AWS region chain found none");
			});
		}
		finally {
			if (region != null) {
				System.setProperty("aws.region", region);
			}
		}
	}

	private static void assertInvalid(ApplicationContextRunner runner, String property, String reason) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			InvalidModelPoolConfigurationException invalid = null;
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				if (cause instanceof InvalidModelPoolConfigurationException found) {
					invalid = found;
				}
			}
			assertThat(invalid).as("%s", context.getStartupFailure()).isNotNull();
			assertThat(invalid.getProperty()).isEqualTo(property);
			assertThat(invalid.getReason()).contains(reason);
		});
	}

}
