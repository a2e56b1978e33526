package io.github.modelpool.smoke;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Two OpenAI "accounts" built by hand from Spring AI 1.1's OpenAI module, with the
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
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(baseUrl)
			.apiKey("smoke-key")
			.responseErrorHandler(this.errorHandler)
			.build();
		return OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
			.build();
	}

}
