package io.github.modelpool.pool;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observes each pool call as {@code model.pool.operation} with the low-cardinality keys
 * {@code model.pool.name}, {@code model.pool.member}, {@code model.pool.outcome} and
 * {@code model.pool.mode}. The member's own Spring AI observation
 * ({@code gen_ai.client.operation}) is its child.
 */
public class DefaultModelPoolObservationConvention implements ModelPoolObservationConvention {

	/** Name of the pool's observation. */
	public static final String NAME = "model.pool.operation";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ModelPoolObservationContext context) {
		return "model pool " + context.getPoolId();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ModelPoolObservationContext context) {
		return KeyValues.of(KeyValue.of("model.pool.name", context.getPoolId()),
				KeyValue.of("model.pool.member", orNone(context.getMember())),
				KeyValue.of("model.pool.outcome", orNone(context.getOutcome())),
				KeyValue.of("model.pool.mode", context.getMode().name().toLowerCase(Locale.ROOT)));
	}

	private static String orNone(String value) {
		return (value != null) ? value : NONE;
	}

}
