package io.github.modelpool.provider;

import java.util.Map;
import java.util.function.Supplier;

import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the chat models declared under {@code model-pool.models} with Spring AI 2.0's own
 * builders: OpenAI and Anthropic models on the providers' SDKs, with their own HTTP
 * clients, timeouts and a short SDK retry; RestClient-based models (Ollama) with the
 * application's HTTP client builders, the status-preserving error handler and a short
 * retry suited to pooling. Every model reports to the application's observation
 * registry.
 */
public class DeclaredModelFactory {

	private final Map<String, DeclaredModelProperties> models;

	private final Supplier<RestClient.Builder> restClients;

	private final Supplier<WebClient.Builder> webClients;

	private final ObservationRegistry observationRegistry;

	private final ToolCallingManager toolCallingManager;

	/**
	 * Create a factory.
	 * @param models declared models by id
	 * @param restClients supplies a fresh blocking client builder per model
	 * @param webClients supplies a fresh streaming client builder per model
	 * @param observationRegistry registry of Spring AI's model observations
	 * @param toolCallingManager tool-calling manager, or {@code null} for Spring AI's
	 * default
	 */
	public DeclaredModelFactory(Map<String, DeclaredModelProperties> models, Supplier<RestClient.Builder> restClients,
			Supplier<WebClient.Builder> webClients, ObservationRegistry observationRegistry,
			ToolCallingManager toolCallingManager) {
		this.models = models;
		this.restClients = restClients;
		this.webClients = webClients;
		this.observationRegistry = observationRegistry;
		this.toolCallingManager = (toolCallingManager != null) ? toolCallingManager
				: ToolCallingManager.builder().build();
	}

	/**
	 * Build a declared model. Its properties were validated at startup.
	 * @param id model id
	 * @return the chat model
	 */
	public ChatModel create(String id) {
		DeclaredModelProperties properties = this.models.get(id);
		if (properties == null) {
			throw new IllegalArgumentException("No model '" + id + "' is declared under model-pool.models");
		}
		Provider provider = Provider.named(properties.getProvider())
			.orElseThrow(() -> new IllegalArgumentException("Unknown provider of model '" + id + "'"));
		ModelClients clients = clients(properties);
		return switch (provider) {
			case OPENAI -> OpenAiModels.create(properties, clients);
			case ANTHROPIC -> AnthropicModels.create(properties, clients);
			case OLLAMA -> OllamaModels.create(properties, clients);
		};
	}

	private ModelClients clients(DeclaredModelProperties properties) {
		RestClient.Builder restClient = this.restClients.get();
		WebClient.Builder webClient = this.webClients.get();
		if (properties.getConnectTimeout() != null || properties.getReadTimeout() != null) {
			HttpClientSettings settings = HttpClientSettings.defaults()
				.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout());
			restClient.requestFactory(ClientHttpRequestFactoryBuilder.detect().build(settings));
			webClient.clientConnector(ClientHttpConnectorBuilder.detect().build(settings));
		}
		RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(properties.getMaxAttempts() - 1)
			.includes(TransientAiException.class, ResourceAccessException.class)
			.delay(properties.getRetryBackoff())
			.multiplier(1)
			.build());
		return new ModelClients(restClient, webClient, StatusPreservingResponseErrorHandler.likeSpringAiDefaults(),
				retry, this.observationRegistry, this.toolCallingManager);
	}

}
