package io.github.modelpool.provider;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What every declared model is built with, whatever its provider.
 *
 * @param restClient builder of the blocking HTTP client, timeouts applied
 * @param webClient builder of the streaming HTTP client, timeouts applied
 * @param errorHandler status-preserving error handler
 * @param retryTemplate short retry for transient errors of RestClient-based models
 * @param observationRegistry registry of Spring AI's model observations
 * @param toolCallingManager tool-calling manager
 */
record ModelClients(RestClient.Builder restClient, WebClient.Builder webClient, ResponseErrorHandler errorHandler,
		RetryTemplate retryTemplate, ObservationRegistry observationRegistry, ToolCallingManager toolCallingManager) {
}
