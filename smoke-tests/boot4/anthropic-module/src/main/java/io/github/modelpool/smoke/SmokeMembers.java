package io.github.modelpool.smoke;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Two Anthropic "accounts" built by hand from Spring AI 2.0's Anthropic module, on the
 * provider's SDK with one attempt per call, as README.md advises (the pool retries and
 * fails over).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers extends SimulatorMembers {

	@Override
	ChatModel model(String baseUrl) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(baseUrl)
				.apiKey("smoke-key")
				.maxRetries(0)
				.model("claude-3-5-haiku-latest")
				.maxTokens(256)
				.build())
			.build();
	}

}
