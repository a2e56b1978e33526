package io.github.modelpool.support;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.PoolListener;
import io.github.modelpool.pool.SwitchReason;

/**
 * Records what a pool reports, as short lines such as {@code retry a transient},
 * {@code timeout a first_token} or {@code failover a->b continuation}.
 */
public final class RecordingListener implements PoolListener {

	private final List<String> events = new CopyOnWriteArrayList<>();

	public List<String> events() {
		return List.copyOf(this.events);
	}

	@Override
	public void onSwitch(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
		this.events.add("switch " + from.id() + "->" + to.id() + " " + lower(reason));
	}

	@Override
	public void onFailover(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
		this.events.add("failover " + from.id() + "->" + to.id() + " " + lower(reason));
	}

	@Override
	public void onRetry(String pool, PoolMember member, FailureKind kind, Duration wait) {
		this.events.add("retry " + member.id() + " " + lower(kind));
	}

	@Override
	public void onTimeout(String pool, PoolMember member, TimeoutKind kind) {
		this.events.add("timeout " + member.id() + " " + lower(kind));
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
