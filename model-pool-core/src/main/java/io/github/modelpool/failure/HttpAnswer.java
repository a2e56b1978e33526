package io.github.modelpool.failure;

import java.util.Objects;
import java.util.function.Function;

/**
 * A provider's HTTP answer as far as an exception preserved it.
 *
 * @param status HTTP status
 * @param headers header lookup by name, answering {@code null} for absent headers
 * @param body response body, possibly empty
 */
public record HttpAnswer(int status, Function<String, String> headers, String body) {

	public HttpAnswer {
		Objects.requireNonNull(headers, "headers must not be null");
		body = (body != null) ? body : "";
	}

	/**
	 * First value of a header.
	 * @param name header name
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		return this.headers.apply(name);
	}

}
