package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.modelpool.member.MemberState;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.AccountUsage;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.SessionMove;
import io.github.modelpool.state.SharedSession;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.state.StoreStatus;
import io.github.modelpool.support.PoolFixture;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A pool's lifecycle: it hears other instances' holds between {@code start()} and
 * {@code stop()}, and its own call workers end with it; calls its call executor cannot
 * run are refused, blaming no member.
 */
class ModelPoolLifecycleTests {

	private static final Duration CALL_LIMIT = Duration.ofSeconds(5);


	@Test
	void startSubscribesToTheStoreOnceAndStopClosesTheSubscription() {
		CountingStore store = new CountingStore();
		ModelPool pool = new PoolFixture("lifecycle").member("a", 1, MemberRole.MEMBER,
				answering(new AtomicReference<>()), null)
			.build((builder) -> builder.stateStore(store));
		assertThat(store.subscribed).as("building subscribes nothing").hasValue(0);
		pool.start();
		pool.start();
		assertThat(pool.isRunning()).isTrue();
		assertThat(store.subscribed).hasValue(1);
		pool.stop();
		pool.stop();
		assertThat(pool.isRunning()).isFalse();
		assertThat(store.closed).hasValue(1);
	}

	@Test
	void aStartedPoolExchangesItsCountingAccountsUseUntilItStops() {
		CountingStore store = new CountingStore();
		ModelPool pool = new PoolFixture("lifecycle").member("a", 1, MemberRole.MEMBER,
				answering(new AtomicReference<>()), null)
			.member("b", 1, MemberRole.MEMBER, answering(new AtomicReference<>()), null)
			.build((builder) -> builder.stateStore(store));
		pool.getMember("a").orElseThrow().budget().limited(Duration.ofMillis(1), 0);
		pool.start();
		await().atMost(CALL_LIMIT).until(() -> store.exchanges.get() >= 3);
		assertThat(pool.getMember("a").orElseThrow().budget().snapshot(0).share()).isOne();
		pool.stop();
		int afterStop = store.exchanges.get();
		await().pollDelay(Duration.ofMillis(100)).until(() -> true);
		assertThat(store.exchanges.get()).as("nothing exchanges after stop, b counted nothing").isEqualTo(afterStop);
	}

	@Test
	void thePoolsOwnCallWorkersEndWhenItStops() {
		AtomicReference<Thread> servedOn = new AtomicReference<>();
		ModelPool pool = new PoolFixture("workers-end").member("a", 1, MemberRole.MEMBER,
				answering(servedOn), null)
			.build((builder) -> builder.timeouts(new TimeoutPolicy(null, null, CALL_LIMIT)));
		pool.start();
		pool.call(new Prompt("hi"));
		assertThat(servedOn.get().getName()).startsWith("model-pool-workers-end-call-");
		assertThat(servedOn.get().isDaemon()).isTrue();
		pool.stop();
		await().atMost(Duration.ofSeconds(5)).until(() -> !servedOn.get().isAlive());
		assertThatExceptionOfType(ModelPoolRejectedException.class).isThrownBy(() -> pool.call(new Prompt("hi")))
			.withMessageContaining("could not run the call");
		assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aCallTheExecutorRefusesReachesTheCallerAndBlamesNoMember() throws Exception {
		ExecutorService executor = CallExecutors.bounded("refusing", 1, 0);
		CountDownLatch release = new CountDownLatch(1);
		try {
			AtomicInteger memberCalls = new AtomicInteger();
			ModelPool pool = new PoolFixture("refusing").member("a", 1, MemberRole.MEMBER,
					counting(memberCalls), null)
				.build((builder) -> builder.timeouts(new TimeoutPolicy(null, null, CALL_LIMIT)).callExecutor(executor));
			executor.execute(() -> awaitQuietly(release));
			assertThatExceptionOfType(ModelPoolRejectedException.class).isThrownBy(() -> pool.call(new Prompt("hi")))
				.withMessageContaining("every worker of its call executor is busy and its queue is full");
			assertThat(memberCalls).hasValue(0);
			assertThat(pool.getMember("a").orElseThrow().state()).isEqualTo(MemberState.CLOSED);
			assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
				.isZero();
		}
		finally {
			release.countDown();
			executor.shutdown();
			assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aCallQueuedPastItsDeadlineIsRefusedNotTimedOutOnTheMember() throws Exception {
		ThreadPoolExecutor executor = (ThreadPoolExecutor) CallExecutors.bounded("queued", 1, 1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			AtomicInteger memberCalls = new AtomicInteger();
			ModelPool pool = new PoolFixture("queued").member("a", 1, MemberRole.MEMBER,
					counting(memberCalls), null)
				.build((builder) -> builder.timeouts(new TimeoutPolicy(null, null, Duration.ofMillis(300)))
					.callExecutor(executor));
			executor.execute(() -> awaitQuietly(release));
			assertThatExceptionOfType(ModelPoolRejectedException.class).isThrownBy(() -> pool.call(new Prompt("hi")))
				.withMessageContaining("waited for a worker of the call executor until its deadline");
			assertThat(executor.getQueue()).as("the refused call left the queue").isEmpty();
			release.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> executor.getActiveCount() == 0);
			assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
				.isZero();
			assertThat(pool.call(new Prompt("hi")).getResult().getOutput().getText()).isEqualTo("ok");
			assertThat(memberCalls).as("the refused call never ran").hasValue(1);
		}
		finally {
			release.countDown();
			executor.shutdown();
		}
	}

	private static ChatModel answering(AtomicReference<Thread> servedOn) {
		return (prompt) -> {
			servedOn.set(Thread.currentThread());
			return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));
		};
	}

	private static ChatModel counting(AtomicInteger calls) {
		return (prompt) -> {
			calls.incrementAndGet();
			return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));
		};
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A memory store that counts subscriptions and their closing.
	 */
	private static final class CountingStore implements StateStore {

		final AtomicInteger subscribed = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		final AtomicInteger exchanges = new AtomicInteger();

		private final MemoryStateStore store = new MemoryStateStore("local");

		@Override
		public Duration usageExchangeInterval() {
			return Duration.ofMillis(10);
		}

		@Override
		public AccountUsage exchangeUsage(String account, long requests, long tokens, Duration window) {
			this.exchanges.incrementAndGet();
			return new AccountUsage(3, 0, 2);
		}

		@Override
		public StoreKind kind() {
			return this.store.kind();
		}

		@Override
		public String instanceId() {
			return this.store.instanceId();
		}

		@Override
		public StoreStatus status() {
			return this.store.status();
		}

		@Override
		public SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout) {
			return this.store.touchSession(pool, key, proposed, idleTimeout);
		}

		@Override
		public SessionMove moveSession(String pool, String key, String expectedActive, SharedSession next,
				Duration idleTimeout) {
			return this.store.moveSession(pool, key, expectedActive, next, idleTimeout);
		}

		@Override
		public void publish(MemberHold hold) {
			this.store.publish(hold);
		}

		@Override
		public HoldSubscription subscribe(String pool, Consumer<MemberHold> listener) {
			this.subscribed.incrementAndGet();
			return this.closed::incrementAndGet;
		}

	}

}
