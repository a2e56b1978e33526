package io.github.modelpool.provider;

import java.util.Map;
import java.util.function.Supplier;

import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the chat models declared under {@code model-pool.models} with Spring AI's own
 * builders: the application's HTTP client builders and observation registry, the
 * status-preserving error handler, and a short retry suited to pooling.
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
		DeclaredModelProperties properties = DeclaredModels.properties(this.models, id);
		return DeclaredModels.create(id, properties, clients(properties));
	}


	private ModelClients clients(DeclaredModelProperties properties) {
		RestClient.Builder restClient = this.restClients.get();
		WebClient.Builder webClient = this.webClients.get();
		if (properties.getConnectTimeout() != null || properties.getReadTimeout() != null) {
			restClient.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(ClientHttpRequestFactorySettings.defaults()
					.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())));
			webClient.clientConnector(ClientHttpConnectorBuilder.detect()
				.build(ClientHttpConnectorSettings.defaults()
					.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())));
		}
		RetryTemplate retry = RetryTemplate.builder()
			.maxAttempts(properties.getMaxAttempts())
			.retryOn(TransientAiException.class)
			.retryOn(ResourceAccessException.class)
			.fixedBackoff(Math.max(1, properties.getRetryBackoff().toMillis()))
			.build();
		return new ModelClients(restClient, webClient, StatusPreservingResponseErrorHandler.likeSpringAiDefaults(),
				retry, this.observationRegistry, this.toolCallingManager);
	}

}
