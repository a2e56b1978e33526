package io.github.modelpool.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Warns at startup, once per pool, when members retry failed requests inside their
 * provider's SDK client (Google's Gen AI SDK, the AWS SDK for Bedrock, the Azure SDK),
 * 429 included, before the pool can fail over. Declared models make one attempt; a model
 * from Spring AI's auto-configuration, or built by hand, keeps its SDK's default.
 */
@Configuration(proxyBeanMethods = false)
class SdkClientRetryWarningConfiguration {

	private static final Log logger = LogFactory.getLog(SdkClientRetryWarningConfiguration.class);

	@Bean
	SmartInitializingSingleton modelPoolSdkClientRetryWarning(ModelPools pools) {
		return () -> pools.forEach(SdkClientRetryWarningConfiguration::warnIfRetrying);
	}

	static int warnIfRetrying(Pool pool) {
		if (pool.getType() != ModelType.CHAT) {
			return 0;
		}
		List<String> retrying = new ArrayList<>();
		Set<SdkClientRetries> sdks = new LinkedHashSet<>();
		for (PoolMember member : pool.getMembers()) {
			Optional<SdkClientRetries.Reading> reading = SdkClientRetries.of(member.chatModel());
			if (reading.isPresent() && reading.get().attempts() > 1) {
				retrying.add(member.id() + " (" + reading.get().sdk().sdk() + ", " + reading.get().attempts()
						+ " attempts per request)");
				sdks.add(reading.get().sdk());
			}
		}
		if (retrying.isEmpty()) {
			return 0;
		}
		StringBuilder remedies = new StringBuilder();
		sdks.forEach((sdk) -> remedies.append(" For ").append(sdk.sdk()).append(": ").append(sdk.remedy()).append('.'));
		logger.warn("Model pool '" + pool.getId() + "': members " + String.join(", ", retrying)
				+ " retry failed requests inside the provider's SDK, 429 included, before the pool can fail over or "
				+ "count the failure against the member's breaker, and Spring AI has no property for it." + remedies
				+ " Or declare the model under model-pool.models, which makes one attempt. Then there is one retry "
				+ "loop, not two.");
		return 1;
	}

}
