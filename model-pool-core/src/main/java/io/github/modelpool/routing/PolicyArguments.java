package io.github.modelpool.routing;

import java.time.Duration;

/**
 * The range checks of the policies' components: each rule is written here once, and each
 * policy's constructor applies it.
 */
final class PolicyArguments {

	private PolicyArguments() {
	}

	static <T> T required(String argument, T value) {
		if (value == null) {
			throw new PolicyArgumentException(argument, null, "is required");
		}
		return value;
	}

	/**
	 * A duration greater than zero; {@code null} passes when the argument is optional.
	 */
	static void positive(String argument, Duration value, boolean optional) {
		if (value == null && optional) {
			return;
		}
		if (value == null || value.isZero() || value.isNegative()) {
			throw new PolicyArgumentException(argument, value, "must be a positive duration");
		}
	}

	/**
	 * A duration of zero or more; {@code null} passes when the argument is optional.
	 */
	static void notNegative(String argument, Duration value, boolean optional) {
		if (value == null && optional) {
			return;
		}
		if (value == null || value.isNegative()) {
			throw new PolicyArgumentException(argument, value, "must not be negative");
		}
	}

	static void greaterThanZero(String argument, long value) {
		if (value <= 0) {
			throw new PolicyArgumentException(argument, value, "must be greater than 0");
		}
	}

	static void notNegative(String argument, long value) {
		if (value < 0) {
			throw new PolicyArgumentException(argument, value, "must not be negative");
		}
	}

	static void atLeast(String argument, long value, long least) {
		if (value < least) {
			throw new PolicyArgumentException(argument, value, "must be at least " + least);
		}
	}

}
