package io.github.modelpool.autoconfigure;

import io.github.modelpool.provider.DeclaredModelFactory;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the models declared under {@code model-pool.models} with Spring AI 1.1's
 * provider APIs. Nothing optional is named here: RestClient-based models find the web
 * client builders when they are built, SDK-based ones need none.
 */
@Configuration(proxyBeanMethods = false)
class DeclaredModelConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeclaredModelFactory declaredModelFactory(ModelPoolProperties properties, BeanFactory beanFactory,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		return new DeclaredModelFactory(properties.getModels(), properties.getEmbeddingModels(), beanFactory,
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), toolCallingManager.getIfUnique());
	}

}
