package io.github.modelpool.failure;

import org.springframework.ai.retry.TransientAiException;

/**
 * Spring AI's {@link TransientAiException}, same message and same retry behaviour, that
 * also keeps the provider's HTTP status, headers (such as {@code Retry-After}) and body.
 */
public class ProviderTransientAiException extends TransientAiException implements ProviderHttpError {

	private final transient ProviderResponse response;

	ProviderTransientAiException(String message, ProviderResponse response) {
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
