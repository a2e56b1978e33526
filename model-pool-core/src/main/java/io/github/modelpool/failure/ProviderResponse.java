package io.github.modelpool.failure;

import java.util.Locale;
import java.util.Map;

/**
 * Status, headers and body of a provider's error answer, kept by the exceptions of
 * {@link StatusPreservingResponseErrorHandler}.
 *
 * @param status HTTP status
 * @param headers response headers, names in lower case, first value only
 * @param body response body, possibly empty
 */
record ProviderResponse(int status, Map<String, String> headers, String body) {

	ProviderResponse {
		headers = Map.copyOf(headers);
		body = (body != null) ? body : "";
	}

	String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

}
