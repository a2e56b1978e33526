package io.github.modelpool.autoconfigure;

import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup warning about members' own retries on Spring AI 2.0: the OpenAI and
 * Anthropic SDKs retry by themselves ({@code max-retries}), not under
 * {@code spring.ai.retry.*}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetryWarningConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class, SpringAiRetryAutoConfiguration.class))
		.withUserConfiguration(SdkDefaultModels.class)
		.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=openAiChatModel",
				"model-pool.pools.assistant.members[1].chat-model=anthropicChatModel",
				"model-pool.pools.batch.members[0].chat-model=quietOpenAiChatModel");

	@Test
	void warnsOncePerPoolWhoseMembersRetryInTheProvidersSdk(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Model pool 'assistant': members openAiChatModel "
					+ "(spring.ai.openai.max-retries=3), anthropicChatModel (spring.ai.anthropic.max-retries=2)")
				.contains("set spring.ai.openai.max-retries=0 and spring.ai.anthropic.max-retries=0")
				.contains("one retry loop, not two")
				.doesNotContain("Model pool 'batch'");
		});
	}

	@Test
	void readsTheRetriesOfTheClientSpringAisAutoConfigurationBuilt(CapturedOutput output) {
		ApplicationContextRunner starterModel = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class, OpenAiChatAutoConfiguration.class,
					ToolCallingAutoConfiguration.class))
			.withPropertyValues("spring.ai.openai.api-key=k",
					"model-pool.pools.assistant.members[0].chat-model=openAiChatModel");
		starterModel.withPropertyValues("spring.ai.openai.max-retries=0").run((context) -> {
			assertThat(context).hasNotFailed();
			// Its options still say 3: only the client knows.
			assertThat(((OpenAiChatModel) context.getBean("openAiChatModel")).getOptions().getMaxRetries()).isEqualTo(3);
			assertThat(output).doesNotContain("Model pool 'assistant': members");
		});
		starterModel.withPropertyValues("spring.ai.openai.max-retries=1")
			.run((context) -> assertThat(output)
				.contains("Model pool 'assistant': members openAiChatModel (spring.ai.openai.max-retries=1)"));
	}

	@Test
	void warnsForEmbeddingPoolsWhoseMembersRetryInTheOpenAiSdk(CapturedOutput output) {
		this.runner
			.withPropertyValues("model-pool.embedding-pools.vectors.dimensions=8",
					"model-pool.embedding-pools.vectors.members[0].embedding-model=openAiEmbeddingModel",
					"model-pool.embedding-pools.quiet-vectors.dimensions=8",
					"model-pool.embedding-pools.quiet-vectors.members[0].embedding-model=quietOpenAiEmbeddingModel")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.contains("Model pool 'vectors': members openAiEmbeddingModel (spring.ai.openai.max-retries=3)")
					.contains("(model-pool.embedding-pools.vectors.retry.*)")
					.doesNotContain("Model pool 'quiet-vectors'");
			});
	}

	@Test
	void springAiRetrySettingsDoNotConcernSdkBasedMembers(CapturedOutput output) {
		this.runner.run((context) -> assertThat(output).doesNotContain("under spring.ai.retry.*"));
	}

	@Configuration(proxyBeanMethods = false)
	static class SdkDefaultModels {

		@Bean(destroyMethod = "close")
		ProviderSimulator providerSimulator() {
			return ProviderSimulator.start();
		}

		@Bean
		OpenAiChatModel openAiChatModel(ProviderSimulator simulator) {
			return OpenAiChatModel.builder()
				.options(OpenAiChatOptions.builder()
					.baseUrl(ProviderModels.openAiBaseUrl(simulator.baseUrl("openai")))
					.apiKey("k")
					.model("gpt-4o-mini")
					.build())
				.build();
		}

		@Bean
		AnthropicChatModel anthropicChatModel(ProviderSimulator simulator) {
			return AnthropicChatModel.builder()
				.options(AnthropicChatOptions.builder().baseUrl(simulator.baseUrl("anthropic")).apiKey("k").build())
				.build();
		}

		@Bean
		OpenAiChatModel quietOpenAiChatModel(ProviderSimulator simulator) {
			return ProviderModels.openAi(simulator, "quiet", "gpt-4o-mini");
		}

		@Bean
		OpenAiEmbeddingModel openAiEmbeddingModel(ProviderSimulator simulator) {
			return OpenAiEmbeddingModel.builder()
				.options(OpenAiEmbeddingOptions.builder()
					.baseUrl(ProviderModels.openAiBaseUrl(simulator.baseUrl("embed")))
					.apiKey("k")
					.model("embed-small")
					.build())
				.build();
		}

		@Bean
		OpenAiEmbeddingModel quietOpenAiEmbeddingModel(ProviderSimulator simulator) {
			return ProviderModels.openAiEmbedding(simulator, "quiet-embed", "embed-small");
		}

	}

}
