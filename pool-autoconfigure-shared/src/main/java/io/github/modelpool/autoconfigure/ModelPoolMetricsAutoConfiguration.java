package io.github.modelpool.autoconfigure;

import java.util.List;

import io.github.modelpool.actuate.ModelPoolMetrics;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of model pools.
 */
@AutoConfiguration(afterName = { BootLine.COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION,
		BootLine.SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION, BootLine.METRICS_AUTO_CONFIGURATION },
		before = ModelPoolAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, ModelPool.class })
@ConditionalOnBean(MeterRegistry.class)
public final class ModelPoolMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ModelPoolMetrics modelPoolMetrics(MeterRegistry meterRegistry, ObjectProvider<ModelPools> pools) {
		return new ModelPoolMetrics(meterRegistry, pools.getIfAvailable(() -> ModelPools.of(List.of())));
	}

}
