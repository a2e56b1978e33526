package io.github.modelpool.failure;

import org.springframework.ai.retry.NonTransientAiException;

/**
 * Spring AI's {@link NonTransientAiException}, same message and same retry behaviour,
 * that also keeps the provider's HTTP status, headers (such as {@code Retry-After}) and
 * body.
 */
public class ProviderNonTransientAiException extends NonTransientAiException implements ProviderHttpError {

	private final transient ProviderResponse response;

	ProviderNonTransientAiException(String message, ProviderResponse response) {
		super(message);
		this.response = response;
	}

	@Override
	public int statusCode() {
		return this.response.status();
	}

	@Override
	public String responseHeader(String name) {
		return this.response.header(name);
	}

	@Override
	public String responseBody() {
		return this.response.body();
	}

}
