package io.github.modelpool.smoke;

import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Two Ollama servers built by hand from Spring AI 1.1's Ollama module, with the
 * status-keeping error handler the starter provides, as README.md advises.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers {

	@Bean
	OllamaChatModel memberA(@Value("${smoke.simulator}") String simulator, ResponseErrorHandler errorHandler) {
		return model(simulator + "/a", errorHandler);
	}

	@Bean
	OllamaChatModel memberB(@Value("${smoke.simulator}") String simulator, ResponseErrorHandler errorHandler) {
		return model(simulator + "/b", errorHandler);
	}

	private static OllamaChatModel model(String baseUrl, ResponseErrorHandler errorHandler) {
		OllamaApi api = OllamaApi.builder().baseUrl(baseUrl).responseErrorHandler(errorHandler).build();
		return OllamaChatModel.builder()
			.ollamaApi(api)
			.defaultOptions(OllamaChatOptions.builder().model("llama3.2").build())
			.build();
	}

}
