package io.github.modelpool.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.pool.MemberSnapshot;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreStatus;

/**
 * Health of the model pools, whatever the Spring Boot generation shows it with. A pool is
 * {@link Level#UP} when every member is available, {@link Level#DEGRADED} when some
 * member is down or only failover-only members are left, and {@link Level#DOWN} when no
 * member is available; a pool whose shared state store does not answer is at best
 * {@link Level#DEGRADED}, serving from this instance's state. The whole is as healthy as
 * its worst pool. Reading it never takes a half-open probe.
 */
public final class ModelPoolsHealth {

	private final ModelPools pools;

	public ModelPoolsHealth(ModelPools pools) {
		this.pools = pools;
	}

	/**
	 * Health of every pool, read now.
	 * @return the worst level and, per pool, its level and member states
	 */
	public Report read() {
		Level worst = Level.UP;
		Map<String, Level> levels = new LinkedHashMap<>();
		Map<String, Object> details = new LinkedHashMap<>();
		for (Pool pool : this.pools) {
			List<MemberSnapshot> members = pool.snapshot().members();
			StateStore store = pool.getStateStore();
			StoreStatus storeStatus = store.status();
			Level level = levelOf(members);
			if (!storeStatus.reachable() && level == Level.UP) {
				level = Level.DEGRADED;
			}
			if (level.ordinal() < worst.ordinal()) {
				worst = level;
			}
			Map<String, String> states = new LinkedHashMap<>();
			members.forEach((member) -> states.put(member.id(), member.state().name()));
			levels.put(pool.getId(), level);
			details.put(pool.getId(), Map.of("status", level.name(), "type", pool.getType().tag(), "members", states,
					"store", store(store, storeStatus)));
		}
		return new Report(worst, levels, details);
	}

	private static Map<String, Object> store(StateStore store, StoreStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", store.kind().tag());
		details.put("reachable", status.reachable());
		if (status.lastError() != null) {
			details.put("lastError", status.lastError());
		}
		return details;
	}

	static Level levelOf(List<MemberSnapshot> members) {
		boolean anyAvailable = members.stream().anyMatch(MemberSnapshot::available);
		if (!anyAvailable) {
			return Level.DOWN;
		}
		boolean allAvailable = members.stream().allMatch(MemberSnapshot::available);
		boolean homeAvailable = members.stream()
			.anyMatch((member) -> member.available() && member.role().isHomeEligible());
		return (allAvailable && homeAvailable) ? Level.UP : Level.DEGRADED;
	}

	/**
	 * How well pools serve, worst first.
	 */
	public enum Level {

		/** No member is available. */
		DOWN,

		/** Serving, with less capacity or only failover-only members. */
		DEGRADED,

		/** Every member is available. */
		UP

	}

	/**
	 * Health as read at one moment.
	 *
	 * @param level the worst pool's level
	 * @param pools each pool's level by pool id
	 * @param details per pool id: its {@code status}, its {@code members}' states and its
 * {@code store} (kind, whether it answers, its last error)
	 */
	public record Report(Level level, Map<String, Level> pools, Map<String, Object> details) {
	}

}
