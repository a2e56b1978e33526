package io.github.modelpool.pool;

import java.util.Map;

/**
 * No member of the pool could be admitted: every candidate's circuit breaker is open or
 * the member is quarantined. No provider request was made.
 */
public class ModelPoolUnavailableException extends ModelPoolException {

	public ModelPoolUnavailableException(String poolId, String reason, Map<String, String> memberFailures,
			Iterable<Throwable> causes) {
		super(poolId, reason, memberFailures, causes);
	}

}
