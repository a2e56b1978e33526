package io.github.modelpool.autoconfigure;

import java.time.Duration;

import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import org.springframework.ai.azure.openai.AzureOpenAiChatModel;
import org.springframework.ai.azure.openai.AzureOpenAiChatOptions;
import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup warning about members whose provider SDK client retries by itself, read
 * from the real Bedrock (AWS SDK) and Azure OpenAI (Azure SDK) clients of Spring AI 1.1.
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsAndAzureClientRetryWarningTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(SdkModels.class)
		.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=bedrockDefaults",
				"model-pool.pools.assistant.members[1].chat-model=azureDefaults",
				"model-pool.pools.batch.members[0].chat-model=bedrockOneAttempt",
				"model-pool.pools.batch.members[1].chat-model=azureOneAttempt");

	@Test
	void readsTheAttemptsOfEachModelsClient() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(attempts(context.getBean("bedrockDefaults", ChatModel.class))).isEqualTo(4);
			assertThat(attempts(context.getBean("bedrockOneAttempt", ChatModel.class))).isEqualTo(1);
			assertThat(attempts(context.getBean("azureDefaults", ChatModel.class))).isEqualTo(4);
			assertThat(attempts(context.getBean("azureOneAttempt", ChatModel.class))).isEqualTo(1);
		});
	}

	@Test
	void warnsOncePerPoolWhoseMembersRetryInsideTheSdkSayingHowToStopEach(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Model pool 'assistant': members bedrockDefaults (the AWS SDK, 4 attempts "
					+ "per request), azureDefaults (the Azure SDK, 4 attempts per request)")
				.contains("For the AWS SDK: build its BedrockRuntimeClient and BedrockRuntimeAsyncClient with "
						+ "overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))")
				.contains("For the Azure SDK: give its OpenAIClientBuilder retryOptions(")
				.doesNotContain("Model pool 'batch': members");
		});
	}

	private static int attempts(ChatModel model) {
		return SdkClientRetries.of(model).orElseThrow().attempts();
	}

	@Configuration(proxyBeanMethods = false)
	static class SdkModels {

		@Bean(destroyMethod = "close")
		ProviderSimulator providerSimulator() {
			return ProviderSimulator.start();
		}

		@Bean
		BedrockProxyChatModel bedrockDefaults() {
			return BedrockProxyChatModel.builder()
				.bedrockRuntimeClient(BedrockRuntimeClient.builder().region(Region.US_EAST_1).build())
				.bedrockRuntimeAsyncClient(BedrockRuntimeAsyncClient.builder().region(Region.US_EAST_1).build())
				.defaultOptions(BedrockChatOptions.builder().model("m").build())
				.build();
		}

		@Bean
		BedrockProxyChatModel bedrockOneAttempt(ProviderSimulator simulator) {
			return ProviderModels.bedrock(simulator, "one", "m");
		}

		@Bean
		AzureOpenAiChatModel azureDefaults() {
			return azure(new OpenAIClientBuilder());
		}

		@Bean
		AzureOpenAiChatModel azureOneAttempt() {
			return azure(new OpenAIClientBuilder()
				.retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1)))));
		}

		private static AzureOpenAiChatModel azure(OpenAIClientBuilder builder) {
			return AzureOpenAiChatModel.builder()
				.openAIClientBuilder(builder.endpoint("https://pool-test.openai.azure.com")
					.credential(new AzureKeyCredential("k")))
				.defaultOptions(AzureOpenAiChatOptions.builder().deploymentName("gpt-4o").build())
				.build();
		}

	}

}
