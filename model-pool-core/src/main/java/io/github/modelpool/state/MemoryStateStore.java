package io.github.modelpool.state;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The default store: each application instance keeps its own sessions and holds, in the
 * pool's own tables; nothing is shared and nothing leaves the JVM.
 */
public final class MemoryStateStore implements StateStore {

	private final String instanceId;

	/**
	 * Create the store.
	 * @param instanceId this application instance's id, for operators
	 */
	public MemoryStateStore(String instanceId) {
		this.instanceId = instanceId;
	}

	/**
	 * Shares nothing.
	 * @return {@code false}
	 */
	@Override
	public boolean sharesSessions() {
		return false;
	}

	@Override
	public StoreKind kind() {
		return StoreKind.MEMORY;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public StoreStatus status() {
		return StoreStatus.REACHABLE;
	}

	@Override
	public SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout) {
		return null;
	}

	@Override
	public SessionMove moveSession(String pool, String key, String expectedActive, SharedSession next,
			Duration idleTimeout) {
		return null;
	}

	@Override
	public void publish(MemberHold hold) {
	}

	@Override
	public HoldSubscription subscribe(String pool, Consumer<MemberHold> listener) {
		return HoldSubscription.NONE;
	}

}
