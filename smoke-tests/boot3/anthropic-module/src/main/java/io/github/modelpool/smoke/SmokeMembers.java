package io.github.modelpool.smoke;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Two Anthropic "accounts" built by hand from Spring AI 1.1's Anthropic module, with the
 * status-keeping error handler the starter provides, as README.md advises.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers extends SimulatorMembers {

	private final ResponseErrorHandler errorHandler;

	SmokeMembers(ResponseErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	@Override
	ChatModel model(String baseUrl) {
		AnthropicApi api = AnthropicApi.builder()
			.baseUrl(baseUrl)
			.apiKey("smoke-key")
			.responseErrorHandler(this.errorHandler)
			.build();
		return AnthropicChatModel.builder()
			.anthropicApi(api)
			.defaultOptions(AnthropicChatOptions.builder().model("claude-3-5-haiku-latest").maxTokens(256).build())
			.build();
	}

}
