package io.github.modelpool.autoconfigure;

import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;

import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Replaces Spring AI's {@link ResponseErrorHandler} with one that decides and reports
 * exactly the same way but keeps the provider's HTTP status and headers in the
 * exceptions, so the pool sees {@code Retry-After} on blocking calls of RestClient-based
 * models. With Spring AI's retry auto-configuration it follows {@code spring.ai.retry.*};
 * without it (models built by hand from a provider module) it decides as Spring AI's
 * default handler does: 4xx non-transient, 5xx transient. Turn it off with
 * {@code model-pool.preserve-provider-errors=false}.
 */
@AutoConfiguration(beforeName = "org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration")
@ConditionalOnClass({ TransientAiException.class, ResponseErrorHandler.class })
@ConditionalOnProperty(prefix = ModelPoolProperties.PREFIX, name = "preserve-provider-errors", havingValue = "true",
		matchIfMissing = true)
public final class ModelPoolErrorHandlerAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpringAiRetryProperties.class)
	@EnableConfigurationProperties(SpringAiRetryProperties.class)
	static class SpringAiRetryErrorHandlerConfiguration {

		@Bean
		@ConditionalOnMissingBean(ResponseErrorHandler.class)
		StatusPreservingResponseErrorHandler modelPoolResponseErrorHandler(SpringAiRetryProperties properties) {
			return new StatusPreservingResponseErrorHandler((status) -> isTransient(properties, status),
					"HTTP %s - %s");
		}

		/**
		 * The decision of Spring AI's auto-configured handler: listed transient codes
		 * first, then client errors unless retried on purpose, then excluded codes; the
		 * rest is transient. It names Spring AI's retry properties, so it lives here,
		 * loaded only when they are present, never in the outer class.
		 */
		static boolean isTransient(SpringAiRetryProperties properties, int status) {
			if (properties.getOnHttpCodes().contains(status)) {
				return true;
			}
			if (!properties.isOnClientErrors() && status >= 400 && status < 500) {
				return false;
			}
			return !properties.getExcludeOnHttpCodes().contains(status);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.ai.retry.autoconfigure.SpringAiRetryProperties")
	static class DefaultErrorHandlerConfiguration {

		@Bean
		@ConditionalOnMissingBean(ResponseErrorHandler.class)
		StatusPreservingResponseErrorHandler modelPoolResponseErrorHandler() {
			return StatusPreservingResponseErrorHandler.likeSpringAiDefaults();
		}

	}

}
