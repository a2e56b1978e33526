package io.github.modelpool.autoconfigure;

import io.github.modelpool.actuate.ModelPoolMetrics;
import io.github.modelpool.config.ModelPoolProperties;
import io.github.modelpool.pool.ModelPool;
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
@AutoConfiguration(afterName = {
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration" },
		before = ModelPoolAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, ModelPool.class })
@ConditionalOnBean(MeterRegistry.class)
public class ModelPoolMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ModelPoolMetrics modelPoolMetrics(MeterRegistry meterRegistry, ObjectProvider<ModelPool> pools) {
		return new ModelPoolMetrics(meterRegistry, () -> ModelPoolAutoConfiguration.poolsById(pools));
	}

}
