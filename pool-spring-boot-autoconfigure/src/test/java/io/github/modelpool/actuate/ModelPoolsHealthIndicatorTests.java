package io.github.modelpool.actuate;

import java.util.Map;

import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPoolsHealthIndicatorTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private ModelPool pool;

	private ModelPoolsHealthIndicator indicator;

	@BeforeEach
	void createPool() {
		this.pool = new PoolFixture(simulator.get(), "assistant").openAi("a")
			.openAi("b")
			.member("c", 1, MemberRole.FAILOVER_ONLY, ProviderModels.anthropic(simulator.get(), "c", "claude"), null)
			.build();
		this.indicator = new ModelPoolsHealthIndicator(Map.of("assistant", this.pool));
	}

	@Test
	void poolWithEveryMemberAvailableIsUp() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("assistant",
				Map.of("status", "UP", "members", Map.of("a", "CLOSED", "b", "CLOSED", "c", "CLOSED")));
	}

	@Test
	void poolWithAMemberDownIsDegraded() {
		this.pool.getMember("a").orElseThrow().circuitBreaker().transitionToOpenState();
		assertThat(this.indicator.health().getStatus()).isEqualTo(ModelPoolsHealthIndicator.DEGRADED);
	}

	@Test
	void poolWithOnlyFailoverOnlyMembersLeftIsDegraded() {
		this.pool.getMember("a").orElseThrow().isolate();
		this.pool.getMember("b").orElseThrow().quarantine(null);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(ModelPoolsHealthIndicator.DEGRADED);
		assertThat(health.getDetails()).containsEntry("assistant", Map.of("status", "DEGRADED", "members",
				Map.of("a", "FORCED_OPEN", "b", "QUARANTINED", "c", "CLOSED")));
	}

	@Test
	void poolWithNoMemberAvailableIsDown() {
		this.pool.getMembers().forEach((member) -> member.circuitBreaker().transitionToOpenState());
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void worstPoolDecides() {
		ModelPool healthy = new PoolFixture(simulator.get(), "healthy").openAi("x").build();
		ModelPool down = new PoolFixture(simulator.get(), "down").openAi("y").build();
		down.getMembers().get(0).isolate();
		Health health = new ModelPoolsHealthIndicator(Map.of("healthy", healthy, "down", down)).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void readingHealthNeverTakesAHalfOpenProbe() {
		var breaker = this.pool.getMember("a").orElseThrow().circuitBreaker();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		for (int i = 0; i < 50; i++) {
			this.indicator.health();
		}
		assertThat(breaker.tryAcquirePermission()).isTrue();
	}

}
