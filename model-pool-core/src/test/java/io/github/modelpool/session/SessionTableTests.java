package io.github.modelpool.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.modelpool.support.FakeTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTableTests {

	private final FakeTime time = new FakeTime();

	@Test
	void newSessionStartsAtItsHomeAndIsRemembered() {
		SessionTable table = new SessionTable(10, Duration.ofHours(1), this.time);
		Session session = table.get("thread-1", (key) -> 2);
		assertThat(session.state().home()).isEqualTo(2);
		assertThat(session.state().active()).isEqualTo(2);
		assertThat(table.get("thread-1", (key) -> 0)).isSameAs(session);
		assertThat(table.size()).isEqualTo(1);
	}

	@Test
	void longKeysAreRememberedByADigestWhileHomesAreChosenFromTheWholeKey() {
		SessionTable table = new SessionTable(10, Duration.ofHours(1), this.time);
		String longKey = "conversation-" + "x".repeat(100_000);
		List<String> chosenFrom = new ArrayList<>();
		Session session = table.get(longKey, (key) -> {
			chosenFrom.add(key);
			return 1;
		});
		assertThat(chosenFrom).containsExactly(longKey);
		assertThat(session.key()).startsWith("sha256:").hasSizeLessThanOrEqualTo(SessionTable.MAX_STORED_KEY_LENGTH);
		assertThat(table.find(longKey)).isSameAs(session);
		assertThat(table.get(longKey, (key) -> 0)).isSameAs(session);
		assertThat(table.find(longKey + "y")).isNull();
		assertThat(table.get("short", (key) -> 0).key()).isEqualTo("short");
	}

	@Test
	void tableNeverHoldsMoreThanMaxSessionsAndForgetsLeastRecentlyUsedFirst() {
		SessionTable table = new SessionTable(100, Duration.ofHours(1), this.time);
		for (int i = 0; i < 100; i++) {
			table.get("thread-" + i, (key) -> 0);
		}
		for (int round = 0; round < 5; round++) {
			table.get("thread-0", (key) -> 0);
		}
		for (int i = 100; i < 1100; i++) {
			table.get("thread-" + i, (key) -> 0);
			table.get("thread-0", (key) -> 0);
		}
		assertThat(table.size()).isLessThanOrEqualTo(100);
		assertThat(table.find("thread-0")).as("the hot session survives").isNotNull();
		assertThat(table.find("thread-1")).as("a cold early session is forgotten").isNull();
	}

	@Test
	void idleSessionsAreForgottenAfterTheIdleTimeout() {
		SessionTable table = new SessionTable(10, Duration.ofMinutes(5), this.time);
		table.get("idle", (key) -> 0);
		table.get("busy", (key) -> 0);
		this.time.advance(Duration.ofMinutes(4));
		table.get("busy", (key) -> 0);
		this.time.advance(Duration.ofMinutes(2));
		assertThat(table.find("idle")).isNull();
		assertThat(table.find("busy")).isNotNull();
		assertThat(table.size()).isEqualTo(1);
	}

	@Test
	void concurrentSwitchesOfOneSessionCommitOnce() throws Exception {
		SessionTable table = new SessionTable(10, Duration.ofHours(1), this.time);
		Session session = table.get("thread-1", (key) -> 0);
		SessionState seen = session.state();
		int threads = 16;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger committed = new AtomicInteger();
		for (int i = 0; i < threads; i++) {
			int target = 1 + (i % 3);
			executor.submit(() -> {
				start.await();
				if (session.compareAndSet(seen, seen.switchedTo(target))) {
					committed.incrementAndGet();
				}
				return null;
			});
		}
		start.countDown();
		executor.shutdown();
		assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(committed).hasValue(1);
		assertThat(session.state().switches()).isEqualTo(1);
	}

	@Test
	void successFromAMemberTheSessionAlreadyLeftChangesNothing() {
		SessionTable table = new SessionTable(10, Duration.ofHours(1), this.time);
		Session session = table.get("thread-1", (key) -> 0);
		SessionState before = session.state();
		assertThat(table.compareAndSet(session, before, before.switchedTo(1))).isTrue();
		table.succeeded(session, 0);
		assertThat(session.state().active()).isEqualTo(1);
		assertThat(session.state().switches()).isEqualTo(1);
		table.succeeded(session, 1);
		assertThat(session.state().switches()).isZero();
	}

}
