package io.github.modelpool.smoke;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.modelpool.failure.ProviderHttpError;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Member models of the application's own, for the dependency sets without a provider
 * module: {@code memberA} answers its first call with a 429, as a provider over its
 * quota would, and the next ones like {@code memberB}, in the simulator's words
 * ({@code [b] You said: ...}), so every smoke application reports the same way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "smoke.members", havingValue = "in-process")
class InProcessMembers {

	@Bean
	ChatModel memberA() {
		return new EchoModel("a", true);
	}

	@Bean
	ChatModel memberB() {
		return new EchoModel("b", false);
	}

	private static final class EchoModel implements ChatModel {

		private final String id;

		private final AtomicBoolean overQuota;

		EchoModel(String id, boolean overQuotaOnce) {
			this.id = id;
			this.overQuota = new AtomicBoolean(overQuotaOnce);
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			if (this.overQuota.getAndSet(false)) {
				throw new OverQuotaException();
			}
			String said = prompt.getUserMessage().getText();
			// A finish reason, as providers send: the pool treats an answer without one as cut.
			return new ChatResponse(List.of(new Generation(new AssistantMessage("[" + this.id + "] You said: " + said),
					ChatGenerationMetadata.builder().finishReason("STOP").build())));
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			return Flux.defer(() -> Flux.just(call(prompt)));
		}

	}

	/**
	 * A provider's 429, as an exception that keeps the HTTP answer.
	 */
	private static final class OverQuotaException extends RuntimeException implements ProviderHttpError {

		OverQuotaException() {
			super("429 - rate limit reached");
		}

		@Override
		public int statusCode() {
			return 429;
		}

		@Override
		public String responseHeader(String name) {
			return null;
		}

		@Override
		public String responseBody() {
			return "{\"error\":{\"type\":\"rate_limit_exceeded\"}}";
		}

	}

}
