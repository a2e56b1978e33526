package io.github.modelpool.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.SessionMove;
import io.github.modelpool.state.SharedSession;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.state.StoreStatus;
import io.github.modelpool.support.FakeTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two session tables (two instances of one pool) sharing a store that keeps pins the
 * way a shared store must: first home written wins, moves are compare-and-set.
 */
class SessionSharingTests {

	private static final List<String> MEMBERS = List.of("p", "a", "b");

	private final FakeTime time = new FakeTime();

	private final SharedMapStore store = new SharedMapStore();

	private final SessionTable first = table(this.store);

	private final SessionTable second = table(this.store);

	@Test
	void aMoveOnOneInstanceIsAdoptedByTheOtherAtItsNextCall() {
		Session here = this.first.get("thread-1", (key) -> 0);
		this.second.get("thread-1", (key) -> 0);
		assertThat(this.first.compareAndSet(here, here.state(), here.state().switchedTo(1))).isTrue();
		Session there = this.second.get("thread-1", (key) -> 0);
		assertThat(there.state().active()).isEqualTo(1);
		assertThat(there.state().switches()).isEqualTo(1);
	}

	@Test
	void theFirstHomeWrittenWinsSoInstancesAgreeOnIt() {
		this.first.get("thread-2", (key) -> 2);
		assertThat(this.second.get("thread-2", (key) -> 1).state().home()).isEqualTo(2);
	}

	@Test
	void ofTwoMovesFromTheSameStateTheSecondFollowsTheFirst() {
		Session here = this.first.get("thread-3", (key) -> 0);
		Session there = this.second.get("thread-3", (key) -> 0);
		SessionState seenThere = there.state();
		assertThat(this.first.compareAndSet(here, here.state(), here.state().switchedTo(1))).isTrue();
		assertThat(this.second.compareAndSet(there, seenThere, seenThere.switchedTo(2))).as("lost").isFalse();
		assertThat(there.state().active()).as("follows the winner").isEqualTo(1);
	}

	@Test
	void aStoreThatCannotAnswerLeavesTheLocalMoveStanding() {
		this.store.away = true;
		Session here = this.first.get("thread-4", (key) -> 0);
		assertThat(this.first.compareAndSet(here, here.state(), here.state().switchedTo(2))).isTrue();
		assertThat(here.state().active()).isEqualTo(2);
	}

	@Test
	void pinsNamingMembersThisInstanceDoesNotHaveAreIgnored() {
		this.store.pins.put("thread-5", new SharedSession("p", "elsewhere", 1, this.time.instant()));
		assertThat(this.first.get("thread-5", (key) -> 0).state().active()).isZero();
	}

	@Test
	void theMemoryStoreSharesNothing() {
		SessionTable alone = table(new MemoryStateStore("local"));
		Session session = alone.get("thread-6", (key) -> 0);
		assertThat(alone.compareAndSet(session, session.state(), session.state().switchedTo(1))).isTrue();
		assertThat(table(new MemoryStateStore("other")).get("thread-6", (key) -> 0).state().active()).isZero();
	}

	private SessionTable table(StateStore shared) {
		return new SessionTable(100, Duration.ofHours(1), this.time,
				new SessionSharing(shared, "pool", MEMBERS, this.time, Duration.ofHours(1)));
	}

	/**
	 * Pins in a map, with the semantics of a shared store.
	 */
	private static final class SharedMapStore implements StateStore {

		private final Map<String, SharedSession> pins = new ConcurrentHashMap<>();

		private volatile boolean away;

		@Override
		public StoreKind kind() {
			return StoreKind.REDIS;
		}

		@Override
		public String instanceId() {
			return "test";
		}

		@Override
		public StoreStatus status() {
			return StoreStatus.REACHABLE;
		}

		@Override
		public SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout) {
			return this.away ? null : this.pins.computeIfAbsent(key, (newKey) -> proposed);
		}

		@Override
		public synchronized SessionMove moveSession(String pool, String key, String expectedActive,
				SharedSession next, Duration idleTimeout) {
			if (this.away) {
				return null;
			}
			SharedSession current = this.pins.get(key);
			if (current != null && !current.active().equals(expectedActive)) {
				return new SessionMove(false, current);
			}
			this.pins.put(key, next);
			return new SessionMove(true, next);
		}

		@Override
		public void publish(MemberHold hold) {
		}

		@Override
		public HoldSubscription subscribe(String pool, Consumer<MemberHold> listener) {
			return HoldSubscription.NONE;
		}

	}

}
