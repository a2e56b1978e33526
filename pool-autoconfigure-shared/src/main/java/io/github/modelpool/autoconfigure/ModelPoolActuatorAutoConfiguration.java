package io.github.modelpool.autoconfigure;

import java.util.stream.Stream;

import io.github.modelpool.actuate.ApiKeySanitizingFunction;
import io.github.modelpool.actuate.MemberSourceDescriber;
import io.github.modelpool.actuate.ModelPoolsEndpoint;
import io.github.modelpool.actuate.ModelPoolsEndpointRuntimeHints;
import io.github.modelpool.actuate.ModelPoolsEndpointWebExtension;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.provider.DeclaredModelProperties;
import io.github.modelpool.provider.Provider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The operators' view of model pools: the {@code modelpools} endpoint and the
 * {@code modelPools} health contributor.
 */
@AutoConfiguration(after = ModelPoolAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ModelPool.class })
@ConditionalOnBean(ModelPoolProperties.class)
@Import(ModelPoolsHealthConfiguration.class)
@ImportRuntimeHints(ModelPoolsEndpointRuntimeHints.class)
public final class ModelPoolActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ModelPoolsEndpoint modelPoolsEndpoint(ModelPools pools, ModelPoolProperties properties,
			ObjectProvider<MemberSourceDescriber> sources) {
		return new ModelPoolsEndpoint(pools, properties.primaryPoolId(),
				sources.getIfAvailable(() -> MemberSourceDescriber.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ModelPoolsEndpoint.class)
	ModelPoolsEndpointWebExtension modelPoolsEndpointWebExtension(ModelPoolsEndpoint endpoint) {
		return new ModelPoolsEndpointWebExtension(endpoint);
	}

	/**
	 * Provider and base URL (credentials removed) of declared member models.
	 */
	@Bean
	@ConditionalOnMissingBean
	MemberSourceDescriber modelPoolMemberSources(ModelPoolProperties properties) {
		return (modelBeanName) -> {
			DeclaredModelProperties model = properties.getModels().containsKey(modelBeanName)
					? properties.getModels().get(modelBeanName) : properties.getEmbeddingModels().get(modelBeanName);
			Provider provider = (model != null) ? Provider.named(model.getProvider()).orElse(null) : null;
			return (provider != null) ? new MemberSourceDescriber.Source(provider.id(),
					SecretRedactor.redactUrl(model.effectiveBaseUrl(provider))) : null;
		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "modelPoolApiKeySanitizingFunction")
	ApiKeySanitizingFunction modelPoolApiKeySanitizingFunction(ModelPoolProperties properties) {
		return new ApiKeySanitizingFunction(Stream
			.concat(properties.getModels().values().stream(), properties.getEmbeddingModels().values().stream())
			.map(DeclaredModelProperties::getApiKey)
			.filter((key) -> key != null && !key.isBlank())
			.toList());
	}

}
