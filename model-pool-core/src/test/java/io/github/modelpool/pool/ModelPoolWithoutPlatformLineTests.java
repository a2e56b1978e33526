package io.github.modelpool.pool;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.support.PoolFixture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool built with the core alone: no Spring Boot, no platform line's jar (on the
 * core's own test class path). The Boot 4 module runs these again with its line.
 */
class ModelPoolWithoutPlatformLineTests {

	@Test
	void aCallAndAStreamAreAnsweredAndAFailingHomeIsLeft() {
		AtomicInteger calls = new AtomicInteger();
		ChatModel failing = new InMemoryModel("down", () -> {
			calls.incrementAndGet();
			throw new TransientAiException("503 Service Unavailable");
		});
		ChatModel answering = new InMemoryModel("up", () -> {
		});
		ModelPool pool = new PoolFixture("alone").member("down", 1, MemberRole.MEMBER, failing, null)
			.member("up", 1, MemberRole.MEMBER, answering, null)
			.build();
		pool.start();
		try {
			for (int i = 0; i < 10; i++) {
				String conversation = "thread-" + i;
				ChatResponse answer = ModelPoolContext.withConversation(conversation,
						() -> pool.call(new Prompt("hi")));
				assertThat(answer.getResult().getOutput().getText()).isEqualTo("up");
				assertThat(answer.getMetadata().<String>get(ModelPool.MEMBER_METADATA_KEY)).isEqualTo("up");
			}
			assertThat(calls).as("the failing member was home to some conversations").hasPositiveValue();
			List<ChatResponse> streamed = pool.stream(new Prompt("hi")).collectList().block();
			assertThat(streamed).extracting((response) -> response.getResult().getOutput().getText())
				.containsExactly("u", "p");
		}
		finally {
			pool.stop();
		}
	}

	@Test
	void aMemberReceivesThePortableOptionsWithItsOwnModel() {
		AtomicReference<ChatOptions> received = new AtomicReference<>();
		ChatModel member = new InMemoryModel("member", () -> {
		}) {

			@Override
			public ChatResponse call(Prompt prompt) {
				received.set(prompt.getOptions());
				return super.call(prompt);
			}

		};
		ModelPool pool = new PoolFixture("alone").member("a", 1, MemberRole.MEMBER, member, "member-model").build();
		pool.start();
		try {
			pool.call(new Prompt("hi", ChatOptions.builder().model("caller-model").temperature(0.2).build()));
		}
		finally {
			pool.stop();
		}
		assertThat(received.get().getModel()).isEqualTo("member-model");
		assertThat(received.get().getTemperature()).isEqualTo(0.2);
	}

	/**
	 * A member answering its text, whole or streamed a character at a time, unless its
	 * behaviour throws first.
	 */
	private static class InMemoryModel implements ChatModel {

		private final String text;

		private final Runnable behaviour;

		InMemoryModel(String text, Runnable behaviour) {
			this.text = text;
			this.behaviour = behaviour;
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			this.behaviour.run();
			return answer(this.text);
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			return Flux.defer(() -> {
				this.behaviour.run();
				String last = this.text.substring(this.text.length() - 1);
				return Flux.concat(Flux.fromArray(this.text.substring(0, this.text.length() - 1).split(""))
					.map(InMemoryModel::answer), Flux.just(finished(last)));
			});
		}

		private static ChatResponse answer(String text) {
			return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
		}

		private static ChatResponse finished(String text) {
			return new ChatResponse(List.of(new Generation(new AssistantMessage(text),
					ChatGenerationMetadata.builder().finishReason("STOP").build())));
		}

	}

}
