package io.github.modelpool.support;

import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;

/**
 * Classes of Spring Boot 4 and its Resilience4j module that moved between Boot
 * generations, for the tests written once for both lines.
 */
public final class BootLineTestSupport {

	/** Boot's health indicator type. */
	public static final Class<?> HEALTH_INDICATOR = HealthIndicator.class;

	/** Resilience4j's circuit breaker auto-configuration. */
	public static final Class<?> CIRCUIT_BREAKER_AUTO_CONFIGURATION = CircuitBreakerAutoConfiguration.class;

	/**
	 * The provider whose model on this line exposes the rate-limit headers
	 * ({@code ChatResponseMetadata.getRateLimit()}): Spring AI 2.0's Anthropic model.
	 */
	public static final String RATE_LIMIT_HEADERS_PROVIDER = "anthropic";

	/**
	 * Whether this line declares google-genai embedding models: Spring AI 2.0's spring-ai-google-genai-embedding is not served by the registry the project builds from.
	 */
	public static final boolean DECLARES_GOOGLE_GENAI_EMBEDDINGS = false;

	/** A provider whose model on this line does not expose them. */
	public static final String NO_RATE_LIMIT_HEADERS_PROVIDER = "openai";

	private BootLineTestSupport() {
	}

	/**
	 * Boot's endpoint, health and metrics auto-configurations.
	 * @return the auto-configuration classes
	 */
	public static Class<?>[] actuatorAutoConfigurations() {
		return new Class<?>[] { EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class };
	}

	/**
	 * Ask for OpenAI options through {@code ChatClient}.
	 * @param spec the request
	 * @param model the model asked for
	 * @param temperature the temperature asked for
	 * @return the request
	 */
	public static ChatClient.ChatClientRequestSpec withOpenAiOptions(ChatClient.ChatClientRequestSpec spec,
			String model, double temperature) {
		return spec.options(OpenAiChatOptions.builder().model(model).temperature(temperature));
	}

	/**
	 * A health indicator that is always up.
	 * @return the indicator
	 */
	public static Object upHealthIndicator() {
		return (HealthIndicator) () -> Health.up().build();
	}

}
