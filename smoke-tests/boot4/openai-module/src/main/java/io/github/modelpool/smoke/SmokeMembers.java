package io.github.modelpool.smoke;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Two OpenAI "accounts" built by hand from Spring AI 2.0's OpenAI module, on the
 * provider's SDK with one attempt per call, as README.md advises (the pool retries and
 * fails over).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers extends SimulatorMembers {

	@Override
	ChatModel model(String baseUrl) {
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
