package io.github.modelpool.actuate;

import io.github.modelpool.pool.ModelPools;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link HealthIndicator} of the model pools: {@link ModelPoolsHealth} as Spring Boot
 * 4 shows it, {@code DEGRADED} being a status of its own.
 */
public class ModelPoolsHealthIndicator implements HealthIndicator {

	/**
	 * Serving, with less capacity, only failover-only members or only this instance's state
	 * (its state store does not answer). Answers HTTP 200 unless
	 * {@code management.endpoint.health.status.http-mapping} says otherwise.
	 */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Serving with less capacity or without the shared state store");

	private final ModelPoolsHealth health;

	public ModelPoolsHealthIndicator(ModelPools pools) {
		this.health = new ModelPoolsHealth(pools);
	}

	@Override
	public Health health() {
		ModelPoolsHealth.Report report = this.health.read();
		Status status = switch (report.level()) {
			case UP -> Status.UP;
			case DEGRADED -> DEGRADED;
			case DOWN -> Status.DOWN;
		};
		return Health.status(status).withDetails(report.details()).build();
	}

}
