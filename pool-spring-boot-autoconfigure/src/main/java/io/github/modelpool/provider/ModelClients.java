package io.github.modelpool.provider;

import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What one declared model is built with. The HTTP client builders, the error handler and
 * the retry are made when a RestClient-based model asks for them, so models on an SDK
 * (google-genai, bedrock) need neither spring-web nor WebFlux.
 */
final class ModelClients {

	private final DeclaredModelProperties properties;

	private final BeanFactory beanFactory;

	private final ObservationRegistry observationRegistry;

	private final ToolCallingManager toolCallingManager;

	private final ModelResources resources;

	/**
	 * @param properties the model's properties
	 * @param beanFactory where the application's HTTP client builders are found
	 * @param observationRegistry registry of Spring AI's model observations
	 * @param toolCallingManager tool-calling manager
	 * @param resources where SDK clients are registered to be closed with the context
	 */
	ModelClients(DeclaredModelProperties properties, BeanFactory beanFactory, ObservationRegistry observationRegistry,
			ToolCallingManager toolCallingManager, ModelResources resources) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.observationRegistry = observationRegistry;
		this.toolCallingManager = toolCallingManager;
		this.resources = resources;
	}

	/**
	 * A fresh builder of the blocking HTTP client, the model's timeouts applied.
	 * @return the builder
	 */
	RestClient.Builder restClient() {
		RestClient.Builder builder = this.beanFactory.getBeanProvider(RestClient.Builder.class)
			.getIfAvailable(RestClient::builder);
		if (hasTimeouts()) {
			builder.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(ClientHttpRequestFactorySettings.defaults()
					.withTimeouts(this.properties.getConnectTimeout(), this.properties.getReadTimeout())));
		}
		return builder;
	}

	/**
	 * A fresh builder of the streaming HTTP client, the model's timeouts applied.
	 * @return the builder
	 */
	WebClient.Builder webClient() {
		WebClient.Builder builder = this.beanFactory.getBeanProvider(WebClient.Builder.class)
			.getIfAvailable(WebClient::builder);
		if (hasTimeouts()) {
			builder.clientConnector(ClientHttpConnectorBuilder.detect()
				.build(ClientHttpConnectorSettings.defaults()
					.withTimeouts(this.properties.getConnectTimeout(), this.properties.getReadTimeout())));
		}
		return builder;
	}

	/**
	 * The status-preserving error handler.
	 * @return the handler
	 */
	ResponseErrorHandler errorHandler() {
		return StatusPreservingResponseErrorHandler.likeSpringAiDefaults();
	}

	/**
	 * The short retry of transient errors the model's {@code max-attempts} asks for.
	 * @return the retry
	 */
	RetryTemplate retryTemplate() {
		return RetryTemplate.builder()
			.maxAttempts(this.properties.getMaxAttempts())
			.retryOn(TransientAiException.class)
			.retryOn(ResourceAccessException.class)
			.fixedBackoff(Math.max(1, this.properties.getRetryBackoff().toMillis()))
			.build();
	}

	ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	ToolCallingManager toolCallingManager() {
		return this.toolCallingManager;
	}

	ModelResources resources() {
		return this.resources;
	}

	private boolean hasTimeouts() {
		return this.properties.getConnectTimeout() != null || this.properties.getReadTimeout() != null;
	}

}
