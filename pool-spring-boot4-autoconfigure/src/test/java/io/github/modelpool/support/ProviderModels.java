package io.github.modelpool.support;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.github.modelpool.simulator.ProviderSimulator;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Real Spring AI 2.0 chat models, on the providers' SDKs, talking HTTP to simulated
 * members, without the SDKs' retries (the pool fails over instead).
 */
public final class ProviderModels {

	private ProviderModels() {
	}

	public static String apiKeyOf(String member) {
		return "test-key-" + member;
	}

	/**
	 * The base URL an OpenAI model of this line is configured with: Spring AI 2.0's
	 * includes {@code /v1}.
	 * @param memberBaseUrl the simulated member's base URL
	 * @return the OpenAI base URL
	 */
	public static String openAiBaseUrl(String memberBaseUrl) {
		return memberBaseUrl + "/v1";
	}

	public static OpenAiChatModel openAi(ProviderSimulator simulator, String member, String model) {
		return openAi(simulator, member, model, ObservationRegistry.NOOP);
	}

	public static OpenAiChatModel openAi(ProviderSimulator simulator, String member, String model,
			ObservationRegistry observationRegistry) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(openAiBaseUrl(simulator.baseUrl(member)))
				.apiKey(apiKeyOf(member))
				.maxRetries(0)
				.model(model)
				.build())
			.observationRegistry(observationRegistry)
			.build();
	}

	/**
	 * Spring AI's OpenAI embedding model of a simulated account, the SDK's retries off.
	 */
	public static OpenAiEmbeddingModel openAiEmbedding(ProviderSimulator simulator, String member, String model) {
		return OpenAiEmbeddingModel.builder()
			.options(OpenAiEmbeddingOptions.builder()
				.baseUrl(openAiBaseUrl(simulator.baseUrl(member)))
				.apiKey(apiKeyOf(member))
				.maxRetries(0)
				.model(model)
				.build())
			.build();
	}

	/**
	 * Spring AI's Ollama embedding model of a simulated account.
	 */
	public static OllamaEmbeddingModel ollamaEmbedding(ProviderSimulator simulator, String member, String model) {
		return OllamaEmbeddingModel.builder()
			.ollamaApi(OllamaApi.builder().baseUrl(simulator.baseUrl(member)).build())
			.options(OllamaEmbeddingOptions.builder().model(model).build())
			.build();
	}

	public static AnthropicChatModel anthropic(ProviderSimulator simulator, String member, String model) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(simulator.baseUrl(member))
				.apiKey(apiKeyOf(member))
				.maxRetries(0)
				.model(model)
				.maxTokens(256)
				.build())
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
			.options(GoogleGenAiChatOptions.builder().model(model).build())
			.retryTemplate(new RetryTemplate(RetryPolicy.builder().maxRetries(0).build()))
			.build();
	}

}
