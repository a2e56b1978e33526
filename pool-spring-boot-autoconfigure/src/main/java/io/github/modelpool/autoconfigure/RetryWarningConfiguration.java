package io.github.modelpool.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.modelpool.member.ModelType;

import org.springframework.ai.retry.autoconfigure.SpringAiRetryProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Warns at startup when Spring AI 1.1's own retries ({@code spring.ai.retry.*}, used by
 * every RestClient-based model) would keep a failing member busy for long before the
 * pool can fail over.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SpringAiRetryProperties.class)
class RetryWarningConfiguration {

	/**
	 * Declared models retry on their own terms, so only pools with other members are
	 * subject to spring.ai.retry: chat pools, and embedding pools (Spring AI 1.1's OpenAI
	 * and Google Gen AI embedding models retry under it too).
	 */
	@Bean
	SmartInitializingSingleton modelPoolRetryBudgetWarning(ModelPoolProperties properties,
			ObjectProvider<SpringAiRetryProperties> retryProperties) {
		return () -> retryProperties.ifAvailable((retry) -> {
			RetryBudgetWarning.warnIfTooLong(retry, ModelType.CHAT, properties.getPools().keySet(),
					(poolId) -> hasUndeclaredMember(properties.getPools().get(poolId).getMembers(),
							properties.getModels()));
			RetryBudgetWarning.warnIfTooLong(retry, ModelType.EMBEDDING, properties.getEmbeddingPools().keySet(),
					(poolId) -> hasUndeclaredMember(properties.getEmbeddingPools().get(poolId).getMembers(),
							properties.getEmbeddingModels()));
		});
	}

	/**
	 * Whether a pool has a member whose model is not one of the declared ones.
	 * @param members the pool's members
	 * @param declared the declared models of the pool's kind, by id
	 */
	private static boolean hasUndeclaredMember(List<? extends ModelPoolProperties.MemberSettings> members,
			Map<String, ?> declared) {
		return members.stream().anyMatch((member) -> !declared.containsKey(member.modelBean()));
	}

}
