package io.github.modelpool.autoconfigure;

import java.util.Optional;

import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup warning about members whose provider SDK client retries by itself, read
 * from the real clients: Google's Gen AI SDK, on both lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class SdkClientRetryWarningTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(GeminiModels.class)
		.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=sdkDefaults",
				"model-pool.pools.assistant.members[1].chat-model=threeAttempts",
				"model-pool.pools.batch.members[0].chat-model=oneAttempt",
				"model-pool.pools.batch.members[1].chat-model=declared", "model-pool.models.declared.provider=google-genai",
				"model-pool.models.declared.api-key=AIza-declared", "model-pool.models.declared.model=gemini-2.0-flash");

	@Test
	void readsTheAttemptsOfEachModelsClient() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(attempts(context.getBean("sdkDefaults"))).hasValue(5);
			assertThat(attempts(context.getBean("threeAttempts"))).hasValue(3);
			assertThat(attempts(context.getBean("oneAttempt"))).hasValue(1);
			assertThat(attempts(context.getBean("declared"))).as("declared models make one attempt").hasValue(1);
		});
	}

	@Test
	void warnsOncePerPoolWhoseMembersRetryInsideTheSdk(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Model pool 'assistant': members sdkDefaults (Google's Gen AI SDK, 5 attempts "
					+ "per request), threeAttempts (Google's Gen AI SDK, 3 attempts per request) retry failed requests "
					+ "inside the provider's SDK")
				.contains("For Google's Gen AI SDK: define the com.google.genai.Client bean with")
				.contains("HttpRetryOptions.builder().attempts(1)")
				.doesNotContain("Model pool 'batch': members");
		});
	}

	private static Optional<Integer> attempts(Object model) {
		return SdkClientRetries.of((GoogleGenAiChatModel) model).map(SdkClientRetries.Reading::attempts);
	}

	@Configuration(proxyBeanMethods = false)
	static class GeminiModels {

		@Bean(destroyMethod = "close")
		ProviderSimulator providerSimulator() {
			return ProviderSimulator.start();
		}

		@Bean
		GoogleGenAiChatModel sdkDefaults(ProviderSimulator simulator) {
			return ProviderModels.gemini(simulator, "defaults", "gemini-2.0-flash", null);
		}

		@Bean
		GoogleGenAiChatModel threeAttempts(ProviderSimulator simulator) {
			return ProviderModels.gemini(simulator, "three", "gemini-2.0-flash", 3);
		}

		@Bean
		GoogleGenAiChatModel oneAttempt(ProviderSimulator simulator) {
			return ProviderModels.gemini(simulator, "one", "gemini-2.0-flash");
		}

	}

}
