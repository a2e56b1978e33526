package io.github.modelpool.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.retry.autoconfigure.SpringAiRetryProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Warns at startup when a member's own retries would keep it busy before the pool can
 * fail over: on Spring AI 2.0, OpenAI and Anthropic models retry in the providers' SDKs
 * ({@code spring.ai.openai.max-retries}, {@code spring.ai.anthropic.max-retries}; the
 * SDKs also retry 429 and wait out Retry-After), RestClient-based models (Ollama and
 * others) under {@code spring.ai.retry.*}.
 */
@Configuration(proxyBeanMethods = false)
@ImportRuntimeHints(SdkRetriesRuntimeHints.class)
class RetryWarningConfiguration {

	private static final Log logger = LogFactory.getLog(RetryWarningConfiguration.class);

	@Bean
	SmartInitializingSingleton modelPoolSdkRetryWarning(ModelPools pools) {
		return () -> {
			for (Pool pool : pools) {
				warnIfSdkRetries(pool);
			}
		};
	}

	static int warnIfSdkRetries(Pool pool) {
		List<String> retrying = new ArrayList<>();
		for (PoolMember member : pool.getMembers()) {
			SdkRetries retries = SdkRetries.ofMember(member.target());
			if (retries != null && retries.maxRetries() > 0) {
				retrying.add(member.id() + " (" + retries.property() + "=" + retries.maxRetries() + ")");
			}
		}
		if (retrying.isEmpty()) {
			return 0;
		}
		logger.warn("Model pool '" + pool.getId() + "': members " + String.join(", ", retrying)
				+ " retry failed calls in the provider's SDK, 429 included and Retry-After waited out, "
				+ "before the pool can fail over or count the failure against the member's breaker. The pool "
				+ "retries its members itself (" + RetryBudgetWarning.poolProperty(pool.getType(), pool.getId())
				+ ".retry.*): set "
				+ "spring.ai.openai.max-retries=0 and spring.ai.anthropic.max-retries=0 for pooled models, so "
				+ "there is one retry loop, not two.");
		return 1;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpringAiRetryProperties.class)
	static class SpringAiRetryWarningConfiguration {

		/**
		 * Declared models and SDK-based models retry on their own terms, so only pools
		 * with other members are subject to spring.ai.retry; Spring AI 2.0's embedding
		 * models never are (Ollama's makes one attempt, OpenAI's retries in its SDK).
		 */
		@Bean
		SmartInitializingSingleton modelPoolRetryBudgetWarning(ModelPoolProperties properties, ModelPools pools,
				ObjectProvider<SpringAiRetryProperties> retryProperties) {
			return () -> retryProperties.ifAvailable((retry) -> RetryBudgetWarning.warnIfTooLong(retry,
					ModelType.CHAT, properties.getPools().keySet(),
					(poolId) -> pools.find(poolId)
						.map((pool) -> pool.getMembers()
							.stream()
							.anyMatch((member) -> !properties.getModels().containsKey(member.chatModelName())
									&& SdkRetries.of(member.chatModel()) == null))
						.orElse(false)));
		}

	}

}
