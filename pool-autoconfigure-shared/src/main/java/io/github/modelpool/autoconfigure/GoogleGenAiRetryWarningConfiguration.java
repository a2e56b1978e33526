package io.github.modelpool.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Warns at startup, once per pool, when members on Google's Gen AI SDK (Gemini API,
 * Vertex AI) retry failed requests inside the SDK, 429 included, before the pool can
 * fail over. Declared google-genai models make one attempt; a model from Spring AI's
 * auto-configuration, or built by hand, retries five times unless its {@code Client}
 * was given retry options.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = GoogleGenAiRetries.CHAT_MODEL_CLASS)
class GoogleGenAiRetryWarningConfiguration {

	private static final Log logger = LogFactory.getLog(GoogleGenAiRetryWarningConfiguration.class);

	@Bean
	SmartInitializingSingleton modelPoolGoogleGenAiRetryWarning(ModelPools pools) {
		return () -> pools.forEach(GoogleGenAiRetryWarningConfiguration::warnIfRetrying);
	}

	static int warnIfRetrying(ModelPool pool) {
		List<String> retrying = new ArrayList<>();
		for (PoolMember member : pool.getMembers()) {
			OptionalInt attempts = GoogleGenAiRetries.attempts(member.chatModel());
			if (attempts.isPresent() && attempts.getAsInt() > 1) {
				retrying.add(member.id() + " (" + attempts.getAsInt() + " attempts per request)");
			}
		}
		if (retrying.isEmpty()) {
			return 0;
		}
		logger.warn("Model pool '" + pool.getId() + "': members " + String.join(", ", retrying)
				+ " retry failed requests inside Google's Gen AI SDK, 429 included, before the pool can fail over "
				+ "or count the failure against the member's breaker. Spring AI has no property for it: define the "
				+ "com.google.genai.Client bean with HttpOptions.builder().retryOptions(HttpRetryOptions.builder()"
				+ ".attempts(1)), or declare the model under model-pool.models (provider: google-genai), so there "
				+ "is one retry loop, not two.");
		return 1;
	}

}
