package io.github.modelpool.autoconfigure;

import io.github.modelpool.actuate.ModelPoolsHealthIndicator;
import io.github.modelpool.pool.ModelPools;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code modelPools} health contributor on Spring Boot 3.5.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("modelpools")
class ModelPoolsHealthConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "modelPoolsHealthIndicator")
	HealthIndicator modelPoolsHealthIndicator(ModelPools pools) {
		return new ModelPoolsHealthIndicator(pools);
	}

}
