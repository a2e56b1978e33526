package io.github.modelpool.autoconfigure;

import io.github.modelpool.provider.DeclaredModelFactory;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the models declared under {@code model-pool.models} with Spring AI 2.0: OpenAI
 * and Anthropic on the providers' SDKs (no Spring web client needed), Ollama on its
 * RestClient- and WebClient-based API.
 */
@Configuration(proxyBeanMethods = false)
class DeclaredModelConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeclaredModelFactory declaredModelFactory(ModelPoolProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry, BeanFactory beanFactory) {
		return new DeclaredModelFactory(properties.getModels(), properties.getEmbeddingModels(),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), beanFactory);
	}

}
