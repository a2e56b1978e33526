package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;

import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.azure.openai.AzureOpenAiChatModel;
import org.springframework.ai.azure.openai.AzureOpenAiChatOptions;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Spring AI 1.1's Azure OpenAI model (the Azure SDK's {@code OpenAIClient}, deployments
 * over HTTP to the simulator) in a pool. Azure answers with {@code Retry-After} headers
 * and its own error codes ({@code DeploymentNotFound}); the SDK's own retries are off
 * (zero retries in its {@code RetryOptions}), as a pooled model's should be.
 */
class AzureOpenAiFailoverTests extends ProviderFailoverContract {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Override
	SimulatorExtension simulator() {
		return simulator;
	}

	@Override
	ChatModel model(ProviderSimulator simulator, String account) {
		// The key as a header: the SDK's key credential policy refuses plain HTTP, which the
		// simulator speaks.
		OpenAIClientBuilder client = new OpenAIClientBuilder().endpoint(simulator.baseUrl(account))
			.addPolicy(new AddHeadersPolicy(new HttpHeaders().set("api-key", ProviderModels.apiKeyOf(account))))
			.retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
		return AzureOpenAiChatModel.builder()
			.openAIClientBuilder(client)
			.defaultOptions(AzureOpenAiChatOptions.builder().deploymentName("gpt-4o").build())
			.build();
	}

	@Override
	String accountPrefix() {
		return "azure";
	}

	@Override
	Fault badKey() {
		return Fault.status(401);
	}

	@Override
	Class<? extends Throwable> callersMistakeType() {
		return HttpResponseException.class;
	}

	@Override
	List<Class<? extends Throwable>> rateLimitShape(Mode mode) {
		return List.of(HttpResponseException.class);
	}

}
