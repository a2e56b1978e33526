package io.github.modelpool.autoconfigure;

import io.github.modelpool.actuate.ModelPoolsHealthIndicator;
import io.github.modelpool.pool.ModelPools;

import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code modelPools} health contributor on Spring Boot 4.
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
