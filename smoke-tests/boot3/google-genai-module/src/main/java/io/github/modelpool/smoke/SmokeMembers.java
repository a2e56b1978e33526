package io.github.modelpool.smoke;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.retry.support.RetryTemplate;

/**
 * Two Gemini API "accounts" built by hand from Spring AI 1.1's Google GenAI module, their
 * Gen AI SDK clients making one attempt per request, as README.md advises (the pool
 * retries and fails over).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers extends SimulatorMembers {

	@Override
	ChatModel model(String baseUrl) {
		Client client = Client.builder()
			.apiKey("smoke-key")
			.httpOptions(HttpOptions.builder()
				.baseUrl(baseUrl)
				.retryOptions(HttpRetryOptions.builder().attempts(1).build())
				.build())
			.build();
		return GoogleGenAiChatModel.builder()
			.genAiClient(client)
			.defaultOptions(GoogleGenAiChatOptions.builder().model("gemini-2.0-flash").build())
			.retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
			.build();
	}

}
