package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.SessionMove;
import io.github.modelpool.state.SharedSession;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.state.StoreStatus;
import io.github.modelpool.support.PoolFixture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state store that may block (Redis) is never asked from a thread that must not block:
 * a stream subscribed on an event loop, and a member's error signalled on one, have their
 * store round trips made on a thread that may block.
 */
class ModelPoolNonBlockingTests {


	@Test
	void aBlockingStoreIsNeverAskedFromANonBlockingThread() {
		RecordingStore store = new RecordingStore();
		ChatModel limited = new ChatModel() {

			@Override
			public ChatResponse call(Prompt prompt) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				// The provider's client signals the 429 on its event loop.
				return Flux.<ChatResponse>error(new NonTransientAiException("HTTP 429 - {\"error\":\"rate limited\"}"))
					.subscribeOn(Schedulers.parallel());
			}

		};
		ChatModel answering = new ChatModel() {

			@Override
			public ChatResponse call(Prompt prompt) {
				return new ChatResponse(List.of(new Generation(new AssistantMessage("from b"),
						ChatGenerationMetadata.builder().finishReason("STOP").build())));
			}

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return Flux.defer(() -> Flux.just(call(prompt))).subscribeOn(Schedulers.parallel());
			}

		};
		ModelPool pool = new PoolFixture("non-blocking").member("a", 1, MemberRole.MEMBER, limited, null)
			.member("b", 1, MemberRole.MEMBER, answering, null)
			.build((builder) -> builder.stateStore(store)
				.routing(new RoutingPolicy(HomeStrategy.FIRST_HEALTHY, StickyScope.THREAD, 100, Duration.ofHours(1),
						null)));
		List<ChatResponse> chunks = pool.stream(new Prompt("hi"))
			.contextWrite(ModelPoolContext.conversation("on-event-loop"))
			.subscribeOn(Schedulers.parallel())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(chunks).last().satisfies((chunk) -> assertThat(chunk.getResult().getOutput().getText())
			.isEqualTo("from b"));
		assertThat(store.operations).as("the session was read, then moved").contains("touch", "move");
		assertThat(store.onNonBlockingThreads).isEmpty();
	}

	/**
	 * A store that says it may block, shares like Redis, and notes any operation asked
	 * from a non-blocking thread.
	 */
	private static final class RecordingStore implements StateStore {

		final List<String> operations = new CopyOnWriteArrayList<>();

		final List<String> onNonBlockingThreads = new CopyOnWriteArrayList<>();

		private final MemoryStateStore memory = new MemoryStateStore("local");

		@Override
		public boolean mayBlock() {
			return true;
		}

		@Override
		public StoreKind kind() {
			return StoreKind.REDIS;
		}

		@Override
		public String instanceId() {
			return this.memory.instanceId();
		}

		@Override
		public StoreStatus status() {
			return this.memory.status();
		}

		@Override
		public SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout) {
			note("touch");
			return null;
		}

		@Override
		public SessionMove moveSession(String pool, String key, String expectedActive, SharedSession next,
				Duration idleTimeout) {
			note("move");
			return null;
		}

		@Override
		public void publish(MemberHold hold) {
			note("publish");
		}

		@Override
		public HoldSubscription subscribe(String pool, Consumer<MemberHold> listener) {
			return HoldSubscription.NONE;
		}

		private void note(String operation) {
			this.operations.add(operation);
			if (Schedulers.isInNonBlockingThread()) {
				this.onNonBlockingThreads.add(operation + " on " + Thread.currentThread().getName());
			}
		}

	}

}
