package io.github.modelpool.pool;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code model.pool.operation} observations. Define a bean to change them.
 */
public interface ModelPoolObservationConvention extends ObservationConvention<ModelPoolObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ModelPoolObservationContext;
	}

}
