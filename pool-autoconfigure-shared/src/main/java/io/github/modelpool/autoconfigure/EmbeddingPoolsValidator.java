package io.github.modelpool.autoconfigure;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.modelpool.autoconfigure.ModelPoolProperties.EmbeddingMember;
import io.github.modelpool.autoconfigure.ModelPoolProperties.EmbeddingPool;
import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.provider.DeclaredModelProperties;
import io.github.modelpool.provider.Provider;
import io.github.modelpool.routing.TimeoutPolicy;

/**
 * Checks {@code model-pool.embedding-models} and {@code model-pool.embedding-pools} on
 * their own, before any bean exists, reporting each problem with the full name of the
 * property at fault: what chat pools and declared models need, a positive
 * {@code dimensions}, and declared members of one model and one length, so an embedding
 * pool never mixes vector spaces.
 */
final class EmbeddingPoolsValidator {

	private EmbeddingPoolsValidator() {
	}

	static void validate(ModelPoolProperties properties, ClassLoader classLoader) {
		properties.getEmbeddingModels().forEach((modelId, model) -> validateModel(modelId, model, classLoader));
		Set<String> poolIds = properties.getEmbeddingPools().keySet();
		properties.getEmbeddingPools()
			.forEach((poolId, pool) -> validatePool(poolId, pool, poolIds, properties.getEmbeddingModels()));
	}

	private static void validateModel(String modelId, DeclaredEmbeddingModelProperties model,
			ClassLoader classLoader) {
		String prefix = PoolPropertiesValidator.embeddingModelProperty(modelId);
		if (!PoolPropertiesValidator.ID.matcher(modelId).matches()) {
			throw new InvalidModelPoolConfigurationException(prefix, modelId,
					"model id must match [A-Za-z0-9_-]+ (it names the model's EmbeddingModel bean)");
		}
		List<String> supported = Arrays.stream(Provider.values())
			.filter(Provider::isEmbeddingDeclarable)
			.map(Provider::id)
			.toList();
		Provider provider = Provider.named(model.getProvider())
			.orElseThrow(() -> new InvalidModelPoolConfigurationException(prefix + ".provider", model.getProvider(),
					"unknown provider; embedding models can be declared for " + supported));
		if (!provider.hasEmbeddingModels()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".provider", provider.id(),
					provider.id() + " embedding models cannot be declared (embedding models can be declared for "
							+ supported + "); define the model as a bean and pool it by its bean name");
		}
		if (!provider.isEmbeddingDeclarable()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".provider", provider.id(),
					provider.id() + " embedding models are declared on the Boot 3 line (Spring AI 1.1) only; on this "
							+ "line, define the model as a bean (" + provider.embeddingModelClassName()
							+ ") and pool it by its bean name");
		}
		if (!provider.isEmbeddingAvailable(classLoader)) {
			throw new InvalidModelPoolConfigurationException(prefix + ".provider", provider.id(),
					"Spring AI's " + provider.id() + " embedding module is not on the classpath; add the dependency "
							+ provider.embeddingDependency());
		}
		PoolPropertiesValidator.validateConnection(prefix, provider, model);
		requireDimensions(prefix + ".dimensions", model.getDimensions());
		DeclaredModelProperties.Options options = model.getOptions();
		String chatOnly = "options apply to chat models only";
		PoolPropertiesValidator.rejectSet(prefix + ".options.temperature", options.getTemperature(), chatOnly);
		PoolPropertiesValidator.rejectSet(prefix + ".options.max-tokens", options.getMaxTokens(), chatOnly);
		PoolPropertiesValidator.rejectSet(prefix + ".options.top-p", options.getTopP(), chatOnly);
		PoolPropertiesValidator.rejectSet(prefix + ".options.top-k", options.getTopK(), chatOnly);
		PoolPropertiesValidator.rejectSet(prefix + ".options.stop-sequences", options.getStopSequences(), chatOnly);
		PoolPropertiesValidator.rejectSet(prefix + ".options.frequency-penalty", options.getFrequencyPenalty(),
				chatOnly);
		PoolPropertiesValidator.rejectSet(prefix + ".options.presence-penalty", options.getPresencePenalty(),
				chatOnly);
	}

	private static void validatePool(String poolId, EmbeddingPool pool, Set<String> poolIds,
			Map<String, DeclaredEmbeddingModelProperties> declared) {
		String prefix = PoolPropertiesValidator.embeddingPoolProperty(poolId);
		PoolPropertiesValidator.requireId(prefix, poolId, "embedding pool");
		requireDimensions(prefix + ".dimensions", pool.getDimensions());
		List<EmbeddingMember> members = pool.getMembers();
		if (members.isEmpty()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".members", "[]",
					"embedding pool '" + poolId + "' has no members; list at least one embedding-model");
		}
		Set<String> memberIds = new HashSet<>();
		String firstDeclared = null;
		for (int i = 0; i < members.size(); i++) {
			String memberPrefix = PoolPropertiesValidator.embeddingMemberProperty(poolId, i);
			EmbeddingMember member = members.get(i);
			PoolPropertiesValidator.validateMemberSettings(poolId, memberPrefix, member, ".embedding-model",
					"EmbeddingModel", memberIds, poolIds);
			DeclaredEmbeddingModelProperties model = declared.get(member.getEmbeddingModel());
			if (model == null) {
				continue;
			}
			String modelProperty = PoolPropertiesValidator.embeddingModelProperty(member.getEmbeddingModel());
			if (!model.getDimensions().equals(pool.getDimensions())) {
				throw new InvalidModelPoolConfigurationException(memberPrefix + ".embedding-model",
						member.getEmbeddingModel(), modelProperty + ".dimensions is " + model.getDimensions() + ", but "
								+ prefix + ".dimensions is " + pool.getDimensions()
								+ "; vectors of another length belong to another model");
			}
			if (firstDeclared == null) {
				firstDeclared = member.getEmbeddingModel();
			}
			else if (!model.getModel().equals(declared.get(firstDeclared).getModel())) {
				throw new InvalidModelPoolConfigurationException(memberPrefix + ".embedding-model",
						member.getEmbeddingModel(),
						modelProperty + ".model is '" + model.getModel() + "', but "
								+ PoolPropertiesValidator.embeddingModelProperty(firstDeclared) + ".model is '"
								+ declared.get(firstDeclared).getModel()
								+ "'; vectors of two models are not comparable, so pool only one model");
			}
		}
		PoolPropertiesValidator.requireHome(prefix, poolId, members, memberIds);
		PoolPropertiesValidator.policy(prefix + ".routing",
				() -> ModelPoolFactory.embeddingRoutingPolicy(pool.getRouting()));
		PoolPropertiesValidator.policy(prefix + ".switch", () -> ModelPoolFactory.switchPolicy(pool.getSwitch()));
		PoolPropertiesValidator.policy(prefix + ".retry", () -> ModelPoolFactory.retryPolicy(pool.getRetry()));
		PoolPropertiesValidator.policy(prefix + ".timeouts",
				() -> new TimeoutPolicy(null, null, pool.getTimeouts().getCall()));
	}

	private static void requireDimensions(String property, Integer dimensions) {
		if (dimensions == null || dimensions <= 0) {
			throw new InvalidModelPoolConfigurationException(property, dimensions,
					"dimensions, the length of the model's vectors, is required and must be greater than 0");
		}
	}

}
