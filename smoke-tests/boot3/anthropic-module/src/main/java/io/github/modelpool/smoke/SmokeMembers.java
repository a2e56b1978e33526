package io.github.modelpool.smoke;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Two Anthropic "accounts" built by hand from Spring AI 1.1's Anthropic module, with the
 * status-keeping error handler the starter provides, as README.md advises.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers {

	@Bean
	AnthropicChatModel memberA(@Value("${smoke.simulator}") String simulator, ResponseErrorHandler errorHandler) {
		return model(simulator + "/a", errorHandler);
	}

	@Bean
	AnthropicChatModel memberB(@Value("${smoke.simulator}") String simulator, ResponseErrorHandler errorHandler) {
		return model(simulator + "/b", errorHandler);
	}

	private static AnthropicChatModel model(String baseUrl, ResponseErrorHandler errorHandler) {
		AnthropicApi api = AnthropicApi.builder()
			.baseUrl(baseUrl)
			.apiKey("smoke-key")
			.responseErrorHandler(errorHandler)
			.build();
		return AnthropicChatModel.builder()
			.anthropicApi(api)
			.defaultOptions(AnthropicChatOptions.builder().model("claude-3-5-haiku-latest").maxTokens(256).build())
			.build();
	}

}
