package io.github.modelpool.pool;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A failure of the pool as a whole rather than of one member. Each member's own
 * exception, where there was one, is attached as a suppressed exception.
 */
public abstract class ModelPoolException extends RuntimeException {

	private final String poolId;

	private final Map<String, String> memberFailures;

	protected ModelPoolException(String poolId, String summary, Map<String, String> memberFailures,
			Iterable<Throwable> causes) {
		super("Model pool '" + poolId + "' " + summary + describe(memberFailures));
		this.poolId = poolId;
		this.memberFailures = Map.copyOf(memberFailures);
		causes.forEach(this::addSuppressed);
	}

	private static String describe(Map<String, String> memberFailures) {
		return memberFailures.isEmpty() ? ""
				: memberFailures.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + ": " + entry.getValue())
					.collect(Collectors.joining("; ", " [", "]"));
	}

	public String getPoolId() {
		return this.poolId;
	}

	/**
	 * What happened at each member this call reached, by member id.
	 * @return failure descriptions, such as {@code QUOTA (HTTP 429)} or {@code OPEN}
	 */
	public Map<String, String> getMemberFailures() {
		return this.memberFailures;
	}

}
