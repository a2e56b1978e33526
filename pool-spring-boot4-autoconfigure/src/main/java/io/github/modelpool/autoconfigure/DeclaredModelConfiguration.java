package io.github.modelpool.autoconfigure;

import io.github.modelpool.provider.DeclaredModelFactory;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the models declared under {@code model-pool.models} with Spring AI 2.0: OpenAI
 * and Anthropic on the providers' SDKs, Ollama on its RestClient- and WebClient-based
 * API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RestClient.class, WebClient.class, ClientHttpRequestFactoryBuilder.class })
class DeclaredModelConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeclaredModelFactory declaredModelFactory(ModelPoolProperties properties,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		return new DeclaredModelFactory(properties.getModels(),
				() -> restClientBuilder.getIfAvailable(RestClient::builder),
				() -> webClientBuilder.getIfAvailable(WebClient::builder),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), toolCallingManager.getIfUnique());
	}

}
