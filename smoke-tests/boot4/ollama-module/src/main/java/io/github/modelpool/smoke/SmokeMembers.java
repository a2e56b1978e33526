package io.github.modelpool.smoke;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Two Ollama servers built by hand from Spring AI 2.0's Ollama module (RestClient-based),
 * with the status-keeping error handler the starter provides, as README.md advises.
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
		OllamaApi api = OllamaApi.builder().baseUrl(baseUrl).responseErrorHandler(this.errorHandler).build();
		return OllamaChatModel.builder()
			.ollamaApi(api)
			.options(OllamaChatOptions.builder().model("llama3.2").build())
			.build();
	}

}
