package io.github.modelpool.pool;

import java.util.Map;

/**
 * Every member the call could reach failed with an error that moves calls (quota or
 * permanent failures); each member's exception is attached as a suppressed exception.
 */
public class ModelPoolExhaustedException extends ModelPoolException {

	public ModelPoolExhaustedException(String poolId, Map<String, String> memberFailures,
			Iterable<Throwable> causes) {
		super(poolId, "exhausted every member it could try", memberFailures, causes);
	}

}
