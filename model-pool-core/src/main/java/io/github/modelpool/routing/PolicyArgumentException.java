package io.github.modelpool.routing;

/**
 * A policy argument out of its range, naming the argument (the policy's component) so
 * that configuration can name its own property for it.
 */
public class PolicyArgumentException extends IllegalArgumentException {

	private final String argument;

	private final transient Object value;

	private final String reason;

	/**
	 * @param argument the policy component, such as {@code maxSessions}
	 * @param value the value given
	 * @param reason what it must be, such as {@code must be greater than 0}
	 */
	public PolicyArgumentException(String argument, Object value, String reason) {
		super(argument + " " + reason + ", got " + value);
		this.argument = argument;
		this.value = value;
		this.reason = reason;
	}

	public String getArgument() {
		return this.argument;
	}

	public Object getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

}
