package io.github.modelpool.autoconfigure;

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
					(poolId) -> properties.getPools()
						.get(poolId)
						.getMembers()
						.stream()
						.anyMatch((member) -> !properties.getModels().containsKey(member.getChatModel())));
			RetryBudgetWarning.warnIfTooLong(retry, ModelType.EMBEDDING, properties.getEmbeddingPools().keySet(),
					(poolId) -> properties.getEmbeddingPools()
						.get(poolId)
						.getMembers()
						.stream()
						.anyMatch((member) -> !properties.getEmbeddingModels().containsKey(member.getEmbeddingModel())));
		});
	}

}
