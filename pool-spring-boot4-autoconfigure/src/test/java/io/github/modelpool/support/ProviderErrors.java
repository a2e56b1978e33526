package io.github.modelpool.support;

import java.util.concurrent.CompletionException;

import com.anthropic.errors.AnthropicServiceException;
import com.openai.errors.OpenAIServiceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The exceptions Spring AI 2.0's models throw for a provider's HTTP error (the OpenAI and
 * Anthropic SDKs' service exceptions, wrapped in {@code CompletionException} on streams),
 * for tests that check the provider's error reaches the caller unchanged.
 */
public final class ProviderErrors {

	private ProviderErrors() {
	}

	/**
	 * Assert that a blocking call failed with the provider SDK's own exception for a
	 * status.
	 * @param error what the caller received
	 * @param status the provider's HTTP status
	 */
	public static void assertBlockingError(Throwable error, int status) {
		assertThat(statusOf(error)).isEqualTo(status);
	}

	/**
	 * Assert that a stream failed with the provider SDK's own exception for a status, as
	 * Spring AI 2.0 signals it: OpenAI's wrapped in a {@code CompletionException},
	 * Anthropic's as it is.
	 * @param error what the subscriber received
	 * @param status the provider's HTTP status
	 */
	public static void assertStreamError(Throwable error, int status) {
		Throwable sdkError = (error instanceof CompletionException) ? error.getCause() : error;
		assertThat(statusOf(sdkError)).isEqualTo(status);
	}

	/**
	 * Whether an exception is one Spring AI 2.0's models throw for a provider's failure:
	 * the OpenAI and Anthropic SDKs' exceptions (service and I/O errors), also wrapped in
	 * a {@code CompletionException}.
	 * @param error what the caller received
	 * @return {@code true} for a provider's failure as Spring AI reports it
	 */
	public static boolean isProviderError(Throwable error) {
		Throwable sdkError = (error instanceof CompletionException && error.getCause() != null) ? error.getCause()
				: error;
		return sdkError instanceof com.openai.errors.OpenAIException
				|| sdkError instanceof com.anthropic.errors.AnthropicException;
	}

	/**
	 * The {@code Retry-After} header a blocking call's exception kept.
	 * @param error what the caller received
	 * @return the header value, or {@code null}
	 */
	public static String retryAfterOf(Throwable error) {
		if (error instanceof OpenAIServiceException openAi) {
			return openAi.headers().values("retry-after").stream().findFirst().orElse(null);
		}
		if (error instanceof AnthropicServiceException anthropic) {
			return anthropic.headers().values("retry-after").stream().findFirst().orElse(null);
		}
		return fail("Not a provider SDK exception: " + error);
	}

	private static int statusOf(Throwable error) {
		if (error instanceof OpenAIServiceException openAi) {
			return openAi.statusCode();
		}
		if (error instanceof AnthropicServiceException anthropic) {
			return anthropic.statusCode();
		}
		return fail("Not a provider SDK exception: " + error);
	}

}
