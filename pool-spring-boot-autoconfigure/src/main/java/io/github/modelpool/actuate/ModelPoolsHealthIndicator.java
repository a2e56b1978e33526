package io.github.modelpool.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.pool.MemberSnapshot;
import io.github.modelpool.pool.ModelPool;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health of the model pools. A pool is {@code UP} when every member is available,
 * {@link #DEGRADED} when some member is down or only failover-only members are left, and
 * {@code DOWN} when no member is available; the indicator reports the worst pool. Reading
 * it never takes a half-open probe.
 */
public class ModelPoolsHealthIndicator implements HealthIndicator {

	/**
	 * Serving, with less capacity or only failover-only members. Answers HTTP 200 unless
	 * {@code management.endpoint.health.status.http-mapping} says otherwise.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Some members are unavailable");

	private static final List<Status> SEVERITY = List.of(Status.DOWN, DEGRADED, Status.UP);

	private final Map<String, ModelPool> pools;

	public ModelPoolsHealthIndicator(Map<String, ModelPool> pools) {
		this.pools = new LinkedHashMap<>(pools);
	}

	@Override
	public Health health() {
		Status worst = Status.UP;
		Map<String, Object> details = new LinkedHashMap<>();
		for (ModelPool pool : this.pools.values()) {
			List<MemberSnapshot> members = pool.snapshot().members();
			Status status = statusOf(members);
			if (SEVERITY.indexOf(status) < SEVERITY.indexOf(worst)) {
				worst = status;
			}
			Map<String, String> states = new LinkedHashMap<>();
			members.forEach((member) -> states.put(member.id(), member.state().name()));
			details.put(pool.getId(), Map.of("status", status.getCode(), "members", states));
		}
		return Health.status(worst).withDetails(details).build();
	}

	static Status statusOf(List<MemberSnapshot> members) {
		boolean anyAvailable = members.stream().anyMatch(MemberSnapshot::available);
		if (!anyAvailable) {
			return Status.DOWN;
		}
		boolean allAvailable = members.stream().allMatch(MemberSnapshot::available);
		boolean homeAvailable = members.stream()
			.anyMatch((member) -> member.available() && member.role().isHomeEligible());
		return (allAvailable && homeAvailable) ? Status.UP : DEGRADED;
	}

}
