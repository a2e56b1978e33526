package io.github.modelpool.pool;

import java.util.List;
import java.util.Map;

/**
 * A blocking call the pool could not run: every worker of its call executor was busy and
 * its queue full, or the call waited for a worker until its deadline passed. No member was
 * asked, and none is blamed.
 */
public class ModelPoolRejectedException extends ModelPoolException {

	/**
	 * @param poolId the pool
	 * @param reason why, in words
	 * @param cause the executor's refusal, or {@code null}
	 */
	public ModelPoolRejectedException(String poolId, String reason, Throwable cause) {
		super(poolId, "could not run the call: " + reason, Map.of(), List.of());
		if (cause != null) {
			initCause(cause);
		}
	}

}
