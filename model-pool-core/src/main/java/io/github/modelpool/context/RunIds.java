package io.github.modelpool.context;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run ids: unique per call of the routing advisor and across application instances
 * sharing a state store (a random prefix drawn once per JVM, then a counter), without
 * a random UUID per call. A run is a number until its id is asked for.
 */
final class RunIds {

	/** The number of no run. */
	static final long NONE = 0;

	private static final String PREFIX = "run-"
			+ Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, Character.MAX_RADIX) + "-";

	private static final AtomicLong LAST = new AtomicLong(NONE);

	private RunIds() {
	}

	/**
	 * A new run.
	 * @return its number, never {@link #NONE}
	 */
	static long next() {
		return LAST.incrementAndGet();
	}

	/**
	 * The id of a run.
	 * @param number the run's number
	 * @return its id
	 */
	static String format(long number) {
		return PREFIX + Long.toString(number, Character.MAX_RADIX);
	}

}
