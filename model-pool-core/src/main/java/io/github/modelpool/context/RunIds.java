package io.github.modelpool.context;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run ids: unique per call of the routing advisor and across application instances
 * sharing a state store (a random prefix drawn once per JVM, then a counter), without
 * a random UUID per call, which costs a secure random draw and its formatting.
 */
final class RunIds {

	private static final String PREFIX = "run-"
			+ Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, Character.MAX_RADIX) + "-";

	private static final AtomicLong NEXT = new AtomicLong();

	private RunIds() {
	}

	static String next() {
		return PREFIX + Long.toString(NEXT.incrementAndGet(), Character.MAX_RADIX);
	}

}
