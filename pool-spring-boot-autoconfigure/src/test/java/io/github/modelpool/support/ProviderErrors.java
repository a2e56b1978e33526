package io.github.modelpool.support;

import io.github.modelpool.failure.ProviderHttpError;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exceptions Spring AI 1.1's models throw for a provider's HTTP error, for tests that
 * check the provider's error reaches the caller unchanged.
 */
public final class ProviderErrors {

	private ProviderErrors() {
	}

	/**
	 * Assert that a blocking call failed with the provider's own exception for a status:
	 * Spring AI's {@code TransientAiException} (5xx) or {@code NonTransientAiException}.
	 * @param error what the caller received
	 * @param status the provider's HTTP status
	 */
	public static void assertBlockingError(Throwable error, int status) {
		assertThat(error).isInstanceOf((status >= 500) ? TransientAiException.class : NonTransientAiException.class)
			.hasMessageContaining(String.valueOf(status));
	}

	/**
	 * Assert that a stream failed with the provider's own exception for a status: a
	 * {@code WebClientResponseException} (OpenAI) or Anthropic's
	 * {@code "Status: [...]"} exception.
	 * @param error what the subscriber received
	 * @param status the provider's HTTP status
	 */
	public static void assertStreamError(Throwable error, int status) {
		if (error instanceof WebClientResponseException web) {
			assertThat(web.getStatusCode().value()).isEqualTo(status);
		}
		else {
			assertThat(error).hasMessageContaining("Status: [" + status);
		}
	}

	/**
	 * Whether an exception is one Spring AI 1.1's models throw for a provider's failure:
	 * its retry exceptions, Spring's web client exceptions, Anthropic's streamed
	 * {@code "Status: [...]"} exceptions.
	 * @param error what the caller received
	 * @return {@code true} for a provider's failure as Spring AI reports it
	 */
	public static boolean isProviderError(Throwable error) {
		return error instanceof TransientAiException || error instanceof NonTransientAiException
				|| error instanceof org.springframework.web.client.RestClientException
				|| error instanceof org.springframework.web.reactive.function.client.WebClientException
				|| String.valueOf(error.getMessage()).contains("Status: [");
	}

	/**
	 * The {@code Retry-After} header a blocking call's exception kept.
	 * @param error what the caller received
	 * @return the header value, or {@code null}
	 */
	public static String retryAfterOf(Throwable error) {
		assertThat(error).isInstanceOf(ProviderHttpError.class);
		return ((ProviderHttpError) error).responseHeader("retry-after");
	}

}
