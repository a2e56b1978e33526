package io.github.modelpool.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.github.modelpool.failure.ProviderHttpError;
import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;
import org.junit.jupiter.api.Test;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPoolErrorHandlerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ModelPoolErrorHandlerAutoConfiguration.class, SpringAiRetryAutoConfiguration.class));

	@Test
	void springAiModelsGetTheStatusPreservingHandler() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ResponseErrorHandler.class);
			ResponseErrorHandler handler = context.getBean(ResponseErrorHandler.class);
			assertThat(handler).isInstanceOf(StatusPreservingResponseErrorHandler.class);
			assertThatExceptionOfType(NonTransientAiException.class)
				.isThrownBy(() -> handler.handleError(URI.create("http://x"), HttpMethod.POST,
						response(429, "5", "{\"error\":\"slow down\"}")))
				.withMessage("HTTP 429 - {\"error\":\"slow down\"}")
				.isInstanceOfSatisfying(ProviderHttpError.class, (error) -> {
					assertThat(error.statusCode()).isEqualTo(429);
					assertThat(error.responseHeader("Retry-After")).isEqualTo("5");
				});
			assertThatExceptionOfType(TransientAiException.class).isThrownBy(
					() -> handler.handleError(URI.create("http://x"), HttpMethod.POST, response(503, null, "")))
				.withMessage("HTTP 503 - No response body available");
		});
	}

	@Test
	void transientDecisionFollowsSpringAiRetryProperties() {
		this.runner
			.withPropertyValues("spring.ai.retry.on-http-codes=429", "spring.ai.retry.exclude-on-http-codes=503")
			.run((context) -> {
				ResponseErrorHandler handler = context.getBean(ResponseErrorHandler.class);
				assertThatExceptionOfType(TransientAiException.class).isThrownBy(
						() -> handler.handleError(URI.create("http://x"), HttpMethod.POST, response(429, null, "")));
				assertThatExceptionOfType(NonTransientAiException.class).isThrownBy(
						() -> handler.handleError(URI.create("http://x"), HttpMethod.POST, response(503, null, "")));
			});
		this.runner.withPropertyValues("spring.ai.retry.on-client-errors=true").run((context) -> {
			ResponseErrorHandler handler = context.getBean(ResponseErrorHandler.class);
			assertThatExceptionOfType(TransientAiException.class).isThrownBy(
					() -> handler.handleError(URI.create("http://x"), HttpMethod.POST, response(401, null, "")));
		});
	}

	@Test
	void handlerExistsWithoutSpringAiRetryAutoConfigurationAndDecidesLikeSpringAisDefault() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ModelPoolErrorHandlerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.ai.retry.autoconfigure"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(StatusPreservingResponseErrorHandler.class);
				StatusPreservingResponseErrorHandler handler = context.getBean(StatusPreservingResponseErrorHandler.class);
				assertThatThrownBy(() -> handler.handleError(URI.create("http://provider/v1"), HttpMethod.POST,
						new MockClientHttpResponse("{}".getBytes(), HttpStatus.TOO_MANY_REQUESTS)))
					.isInstanceOf(NonTransientAiException.class)
					.hasMessageStartingWith("429 - ");
				assertThatThrownBy(() -> handler.handleError(URI.create("http://provider/v1"), HttpMethod.POST,
						new MockClientHttpResponse("{}".getBytes(), HttpStatus.BAD_GATEWAY)))
					.isInstanceOf(TransientAiException.class);
			});
	}

	@Test
	void springAiDefaultHandlerIsKeptWhenTurnedOff() {
		this.runner.withPropertyValues("model-pool.preserve-provider-errors=false").run((context) -> {
			assertThat(context).hasSingleBean(ResponseErrorHandler.class);
			assertThat(context.getBean(ResponseErrorHandler.class))
				.isNotInstanceOf(StatusPreservingResponseErrorHandler.class);
		});
	}

	@Test
	void autoConfigurationShouldBackOffWhenUserDefinesAHandler() {
		this.runner.withUserConfiguration(UserHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(ResponseErrorHandler.class);
			assertThat(context.getBean(ResponseErrorHandler.class)).isSameAs(context.getBean("userHandler"));
		});
	}

	private static ClientHttpResponse response(int status, String retryAfter, String body) {
		HttpHeaders headers = new HttpHeaders();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return new ClientHttpResponse() {

			@Override
			public HttpStatusCode getStatusCode() {
				return HttpStatusCode.valueOf(status);
			}

			@Override
			public String getStatusText() {
				return "";
			}

			@Override
			public void close() {
			}

			@Override
			public InputStream getBody() throws IOException {
				return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandler {

		@Bean
		ResponseErrorHandler userHandler() {
			return (response) -> false;
		}

	}

}
