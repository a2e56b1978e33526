package io.github.modelpool.pool;

import java.util.Locale;

import io.github.modelpool.member.TokenCounts;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observes each pool call as {@code model.pool.operation} with the low-cardinality keys
 * {@code model.pool.name}, {@code model.pool.member}, {@code model.pool.outcome} and
 * {@code model.pool.mode}, and, once the answer reports its usage, the high-cardinality
 * keys {@code model.pool.tokens.input}, {@code model.pool.tokens.cached} (prompt tokens
 * the provider read from its prompt cache), {@code model.pool.tokens.output} and
 * {@code model.pool.cache.hit.ratio} (cached over input). The
 * member's own Spring AI observation ({@code gen_ai.client.operation}) is its child.
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

	@Override
	public KeyValues getHighCardinalityKeyValues(ModelPoolObservationContext context) {
		TokenCounts tokens = context.getTokens();
		if (tokens.isEmpty()) {
			return KeyValues.empty();
		}
		KeyValues counts = KeyValues.of(KeyValue.of("model.pool.tokens.input", Long.toString(tokens.input())),
				KeyValue.of("model.pool.tokens.cached", Long.toString(tokens.cached())),
				KeyValue.of("model.pool.tokens.output", Long.toString(tokens.output())));
		Double ratio = tokens.cacheHitRatio();
		return (ratio != null) ? counts.and(KeyValue.of("model.pool.cache.hit.ratio", ratio.toString())) : counts;
	}

	private static String orNone(String value) {
		return (value != null) ? value : NONE;
	}

}
