package io.github.modelpool.smoke;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Two OpenAI "accounts" built by hand from Spring AI 2.0's OpenAI module, on the
 * provider's SDK with one attempt per call, as README.md advises (the pool retries and
 * fails over).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers {

	@Bean
	OpenAiChatModel memberA(@Value("${smoke.simulator}") String simulator) {
		return model(simulator + "/a");
	}

	@Bean
	OpenAiChatModel memberB(@Value("${smoke.simulator}") String simulator) {
		return model(simulator + "/b");
	}

	private static OpenAiChatModel model(String baseUrl) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(baseUrl + "/v1")
				.apiKey("smoke-key")
				.maxRetries(0)
				.model("gpt-4o-mini")
				.build())
			.build();
	}

}
