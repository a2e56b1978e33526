package io.github.modelpool.failure;

/**
 * An exception that still knows the provider's HTTP answer. Exceptions implementing it
 * are classified from their status and headers instead of their message.
 */
public interface ProviderHttpError {

	/**
	 * HTTP status of the provider's answer.
	 * @return the status code
	 */
	int statusCode();

	/**
	 * First value of a response header.
	 * @param name header name, any case
	 * @return the value, or {@code null} when absent
	 */
	String responseHeader(String name);

	/**
	 * Body of the provider's answer.
	 * @return the body, possibly empty
	 */
	String responseBody();

}
