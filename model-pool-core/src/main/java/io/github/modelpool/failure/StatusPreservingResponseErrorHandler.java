package io.github.modelpool.failure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * A drop-in for Spring AI's response error handlers: same exception types (subclasses
 * of {@code TransientAiException} and {@code NonTransientAiException}), same messages,
 * same transient decision, so retries behave exactly as before; the exceptions also keep
 * the HTTP status, the response headers (so {@code Retry-After} survives) and the body.
 */
public class StatusPreservingResponseErrorHandler implements ResponseErrorHandler {

	private final IntPredicate transientStatus;

	private final String messageFormat;

	/**
	 * Create a handler.
	 * @param transientStatus which HTTP error statuses are transient (retried)
	 * @param messageFormat format of the exception message with the status and the body as
	 * arguments, such as {@code "HTTP %s - %s"}
	 */
	public StatusPreservingResponseErrorHandler(IntPredicate transientStatus, String messageFormat) {
		this.transientStatus = transientStatus;
		this.messageFormat = messageFormat;
	}

	/**
	 * A handler that decides like the one Spring AI's model builders use by default
	 * ({@code RetryUtils}): client errors are not transient, everything else is.
	 * @return the handler
	 */
	public static StatusPreservingResponseErrorHandler likeSpringAiDefaults() {
		return new StatusPreservingResponseErrorHandler((status) -> status < 400 || status >= 500, "%s - %s");
	}

	@Override
	public boolean hasError(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().isError();
	}

	@Override
	public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		if (!response.getStatusCode().isError()) {
			return;
		}
		String body = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
		String message = String.format(this.messageFormat, status,
				(body == null || body.isEmpty()) ? "No response body available" : body);
		Map<String, String> headers = new LinkedHashMap<>();
		response.getHeaders().forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
			}
		});
		ProviderResponse preserved = new ProviderResponse(status, headers, body);
		if (this.transientStatus.test(status)) {
			throw new ProviderTransientAiException(message, preserved);
		}
		throw new ProviderNonTransientAiException(message, preserved);
	}

}
