package io.github.modelpool.smoke;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Two OpenAI "accounts" built by hand from Spring AI 1.1's OpenAI module, with the
 * status-keeping error handler the starter provides, as README.md advises.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers {

	@Bean
	OpenAiChatModel memberA(@Value("${smoke.simulator}") String simulator, ResponseErrorHandler errorHandler) {
		return model(simulator + "/a", errorHandler);
	}

	@Bean
	OpenAiChatModel memberB(@Value("${smoke.simulator}") String simulator, ResponseErrorHandler errorHandler) {
		return model(simulator + "/b", errorHandler);
	}

	private static OpenAiChatModel model(String baseUrl, ResponseErrorHandler errorHandler) {
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(baseUrl)
			.apiKey("smoke-key")
			.responseErrorHandler(errorHandler)
			.build();
		return OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
			.build();
	}

}
