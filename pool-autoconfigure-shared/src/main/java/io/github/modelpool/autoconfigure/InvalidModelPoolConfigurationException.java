package io.github.modelpool.autoconfigure;

/**
 * A model pool property has a value the pool cannot work with.
 */
public class InvalidModelPoolConfigurationException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String reason;

	/**
	 * Create an exception.
	 * @param property full property name, such as
	 * {@code model-pool.pools.assistant.members[0].weight}
	 * @param value the offending value, may be {@code null}
	 * @param reason what is wrong and what is expected
	 */
	public InvalidModelPoolConfigurationException(String property, Object value, String reason) {
		this(property, value, reason, null);
	}

	/**
	 * Create an exception.
	 * @param property full property name
	 * @param value the offending value, may be {@code null}
	 * @param reason what is wrong and what is expected
	 * @param cause what reported the problem, may be {@code null}
	 */
	public InvalidModelPoolConfigurationException(String property, Object value, String reason, Throwable cause) {
		super("Invalid model pool configuration: " + property + " = " + value + ": " + reason, cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

}
