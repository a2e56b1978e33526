package io.github.modelpool.support;

import java.net.URI;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;
import io.github.modelpool.simulator.ProviderSimulator;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.retry.support.RetryTemplate;

/**
 * Real Spring AI chat models talking HTTP to simulated members, without Spring AI's
 * retries (the pool fails over instead) and with the status-preserving error handler the
 * starter installs.
 */
public final class ProviderModels {

	private ProviderModels() {
	}

	public static String apiKeyOf(String member) {
		return "test-key-" + member;
	}

	/**
	 * The base URL an OpenAI model of this line is configured with: Spring AI 1.1's
	 * leaves out {@code /v1}.
	 * @param memberBaseUrl the simulated member's base URL
	 * @return the OpenAI base URL
	 */
	public static String openAiBaseUrl(String memberBaseUrl) {
		return memberBaseUrl;
	}

	public static OpenAiChatModel openAi(ProviderSimulator simulator, String member, String model) {
		return openAi(simulator, member, model, ObservationRegistry.NOOP);
	}

	public static OpenAiChatModel openAi(ProviderSimulator simulator, String member, String model,
			ObservationRegistry observationRegistry) {
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(simulator.baseUrl(member))
			.apiKey(apiKeyOf(member))
			.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
			.build();
		return OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder().model(model).build())
			.retryTemplate(noRetry())
			.observationRegistry(observationRegistry)
			.build();
	}

	/**
	 * Spring AI's OpenAI embedding model of a simulated account, its retries off.
	 */
	public static OpenAiEmbeddingModel openAiEmbedding(ProviderSimulator simulator, String member, String model) {
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(simulator.baseUrl(member))
			.apiKey(apiKeyOf(member))
			.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
			.build();
		return new OpenAiEmbeddingModel(api, MetadataMode.EMBED, OpenAiEmbeddingOptions.builder().model(model).build(),
				noRetry());
	}

	/**
	 * Spring AI's Ollama embedding model of a simulated account.
	 */
	public static OllamaEmbeddingModel ollamaEmbedding(ProviderSimulator simulator, String member, String model) {
		return OllamaEmbeddingModel.builder()
			.ollamaApi(OllamaApi.builder().baseUrl(simulator.baseUrl(member)).build())
			.defaultOptions(OllamaEmbeddingOptions.builder().model(model).build())
			.build();
	}

	public static AnthropicChatModel anthropic(ProviderSimulator simulator, String member, String model) {
		AnthropicApi api = AnthropicApi.builder()
			.baseUrl(simulator.baseUrl(member))
			.apiKey(apiKeyOf(member))
			.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
			.build();
		return AnthropicChatModel.builder()
			.anthropicApi(api)
			.defaultOptions(AnthropicChatOptions.builder().model(model).maxTokens(256).build())
			.retryTemplate(noRetry())
			.build();
	}

	/**
	 * A Gemini API model on Google's Gen AI SDK, its HTTP retries off (the SDK retries
	 * 429 and 5xx five times by default).
	 */
	public static GoogleGenAiChatModel gemini(ProviderSimulator simulator, String member, String model) {
		return gemini(simulator, member, model, 1);
	}

	/**
	 * A Gemini API model on Google's Gen AI SDK.
	 * @param attempts attempts per request of the SDK client, {@code null} for the SDK's
	 * default
	 */
	public static GoogleGenAiChatModel gemini(ProviderSimulator simulator, String member, String model,
			Integer attempts) {
		HttpOptions.Builder http = HttpOptions.builder().baseUrl(simulator.baseUrl(member));
		if (attempts != null) {
			http.retryOptions(HttpRetryOptions.builder().attempts(attempts).build());
		}
		Client client = Client.builder().apiKey(apiKeyOf(member)).httpOptions(http.build()).build();
		return GoogleGenAiChatModel.builder()
			.genAiClient(client)
			.defaultOptions(GoogleGenAiChatOptions.builder().model(model).build())
			.retryTemplate(noRetry())
			.build();
	}

	/**
	 * A Bedrock Converse model on the AWS SDK's runtime clients, pointed at the simulator
	 * with static credentials, the SDK's retries off (it retries throttling three times by
	 * default).
	 */
	public static BedrockProxyChatModel bedrock(ProviderSimulator simulator, String member, String model) {
		URI endpoint = URI.create(simulator.baseUrl(member));
		StaticCredentialsProvider credentials = StaticCredentialsProvider
			.create(AwsBasicCredentials.create("AKIA" + member.toUpperCase().replace("-", ""), apiKeyOf(member)));
		return BedrockProxyChatModel.builder()
			.bedrockRuntimeClient(BedrockRuntimeClient.builder()
				.region(Region.US_EAST_1)
				.endpointOverride(endpoint)
				.credentialsProvider(credentials)
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build())
			.bedrockRuntimeAsyncClient(BedrockRuntimeAsyncClient.builder()
				// The simulator speaks HTTP/1.1, as Bedrock also does; the SDK's default is HTTP/2.
				.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
				.region(Region.US_EAST_1)
				.endpointOverride(endpoint)
				.credentialsProvider(credentials)
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build())
			.defaultOptions(BedrockChatOptions.builder().model(model).build())
			.build();
	}

	public static RetryTemplate noRetry() {
		return RetryTemplate.builder().maxAttempts(1).build();
	}

}
