package io.github.modelpool.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.github.modelpool.autoconfigure.ModelPoolProperties.Member;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Pool;
import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.provider.DeclaredModelProperties;

/**
 * One rate budget per chat model bean, shared by every member over it in every pool.
 * Limits are declared on a declared model ({@code model-pool.models.<id>.rpm}) or on the
 * members over a chat model; two declarations of one limit for the same chat model must
 * agree.
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
		properties.getPools().forEach((poolId, pool) -> declareMembers(poolId, pool));
	}

	/**
	 * Check that the declarations of each chat model's limits agree.
	 * @param properties the properties
	 * @throws InvalidModelPoolConfigurationException naming the property that differs
	 */
	static void checkAgreement(ModelPoolProperties properties) {
		new AccountBudgets(properties);
	}

	private void declareMembers(String poolId, Pool pool) {
		for (int i = 0; i < pool.getMembers().size(); i++) {
			Member member = pool.getMembers().get(i);
			String prefix = PoolPropertiesValidator.memberProperty(poolId, i);
			Declared declaration = this.declared.computeIfAbsent(member.getChatModel(), (name) -> new Declared());
			declaration.requests = agree(declaration.requests, member.getRpm(), prefix + ".rpm", member.getChatModel());
			declaration.tokens = agree(declaration.tokens, member.getTpm(), prefix + ".tpm", member.getChatModel());
		}
	}

	private void declare(String modelId, DeclaredModelProperties model, String prefix) {
		Declared declaration = this.declared.computeIfAbsent(modelId, (name) -> new Declared());
		declaration.requests = agree(declaration.requests, model.getRpm(), prefix + ".rpm", modelId);
		declaration.tokens = agree(declaration.tokens, model.getTpm(), prefix + ".tpm", modelId);
	}

	private static Limit agree(Limit known, Long value, String property, String chatModel) {
		if (value == null) {
			return known;
		}
		if (known != null && !known.value().equals(value)) {
			throw new InvalidModelPoolConfigurationException(property, value,
					"chat model '" + chatModel + "' already has " + known.value() + " from " + known.property()
							+ "; a rate limit belongs to the chat model, so declare it once or alike");
		}
		return (known != null) ? known : new Limit(value, property);
	}

	/**
	 * The budget of a chat model, the same for every member over it.
	 * @param chatModelBean the chat model's bean name
	 * @return the budget
	 */
	synchronized AccountBudget forChatModel(String chatModelBean) {
		return this.budgets.computeIfAbsent(chatModelBean, (name) -> {
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
