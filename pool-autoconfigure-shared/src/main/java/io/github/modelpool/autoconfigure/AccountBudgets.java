package io.github.modelpool.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

import io.github.modelpool.autoconfigure.ModelPoolProperties.MemberSettings;
import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.provider.DeclaredModelProperties;

/**
 * One rate budget per model bean (chat or embedding), shared by every member over it in
 * every pool. Limits are declared on a declared model ({@code model-pool.models.<id>.rpm},
 * {@code model-pool.embedding-models.<id>.rpm}) or on the members over a model; two
 * declarations of one limit for the same model must agree.
 */
final class AccountBudgets {

	private final Map<String, Declared> declared = new HashMap<>();

	private final Map<String, AccountBudget> budgets = new HashMap<>();

	/**
	 * Read every declaration.
	 * @throws InvalidModelPoolConfigurationException when two declarations of a limit
	 * for one chat model differ
	 */
	AccountBudgets(ModelPoolProperties properties) {
		properties.getModels().forEach((modelId, model) -> declare(modelId, model,
				PoolPropertiesValidator.modelProperty(modelId)));
		properties.getEmbeddingModels().forEach((modelId, model) -> declare(modelId, model,
				PoolPropertiesValidator.embeddingModelProperty(modelId)));
		properties.getPools().forEach((poolId, pool) -> declareMembers(pool.getMembers(),
				(i) -> PoolPropertiesValidator.memberProperty(poolId, i)));
		properties.getEmbeddingPools().forEach((poolId, pool) -> declareMembers(pool.getMembers(),
				(i) -> PoolPropertiesValidator.embeddingMemberProperty(poolId, i)));
	}

	/**
	 * Check that the declarations of each chat model's limits agree.
	 * @param properties the properties
	 * @throws InvalidModelPoolConfigurationException naming the property that differs
	 */
	static void checkAgreement(ModelPoolProperties properties) {
		new AccountBudgets(properties);
	}

	private void declareMembers(List<? extends MemberSettings> members, IntFunction<String> property) {
		for (int i = 0; i < members.size(); i++) {
			MemberSettings member = members.get(i);
			String prefix = property.apply(i);
			Declared declaration = this.declared.computeIfAbsent(member.modelBean(), (name) -> new Declared());
			declaration.requests = agree(declaration.requests, member.getRpm(), prefix + ".rpm", member.modelBean());
			declaration.tokens = agree(declaration.tokens, member.getTpm(), prefix + ".tpm", member.modelBean());
		}
	}

	private void declare(String modelId, DeclaredModelProperties model, String prefix) {
		Declared declaration = this.declared.computeIfAbsent(modelId, (name) -> new Declared());
		declaration.requests = agree(declaration.requests, model.getRpm(), prefix + ".rpm", modelId);
		declaration.tokens = agree(declaration.tokens, model.getTpm(), prefix + ".tpm", modelId);
	}

	private static Limit agree(Limit known, Long value, String property, String model) {
		if (value == null) {
			return known;
		}
		if (known != null && !known.value().equals(value)) {
			throw new InvalidModelPoolConfigurationException(property, value,
					"model '" + model + "' already has " + known.value() + " from " + known.property()
							+ "; a rate limit belongs to the model bean, so declare it once or alike");
		}
		return (known != null) ? known : new Limit(value, property);
	}

	/**
	 * The budget of a model bean, chat or embedding, the same for every member over it.
	 * @param modelBean the model's bean name
	 * @return the budget
	 */
	synchronized AccountBudget forModel(String modelBean) {
		return this.budgets.computeIfAbsent(modelBean, (name) -> {
			Declared declaration = this.declared.get(name);
			RateLimits limits = (declaration != null) ? RateLimits.perMinute(value(declaration.requests),
					value(declaration.tokens)) : RateLimits.NONE;
			return new AccountBudget(name, limits);
		});
	}

	private static Long value(Limit limit) {
		return (limit != null) ? limit.value() : null;
	}

	private static final class Declared {

		private Limit requests;

		private Limit tokens;

	}

	private record Limit(Long value, String property) {

		Limit {
			Objects.requireNonNull(value, "value must not be null");
		}

	}

}
