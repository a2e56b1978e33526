package io.github.modelpool.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.modelpool.actuate.ModelPoolsHealth.Level;
import io.github.modelpool.actuate.ModelPoolsHealth.Report;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.redis.RedisStateStore;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.testsupport.RedisServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ModelPoolsHealthTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private ModelPool pool;

	private ModelPoolsHealth health;

	@BeforeEach
	void createPool() {
		this.pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.member("c", 1, MemberRole.FAILOVER_ONLY, ProviderModels.anthropic(simulator.get(), "c", "claude"), null)
			.build();
		this.health = new ModelPoolsHealth(ModelPools.of(List.of(this.pool)));
	}

	@Test
	void poolWithEveryMemberAvailableIsUp() {
		Report health = this.health.read();
		assertThat(health.level()).isEqualTo(Level.UP);
		assertThat(health.details()).containsEntry("assistant",
				Map.of("status", "UP", "type", "chat", "members", Map.of("a", "CLOSED", "b", "CLOSED", "c", "CLOSED"), "store",
						Map.of("kind", "memory", "reachable", true)));
	}

	@Test
	void poolWithAMemberDownIsDegraded() {
		this.pool.getMember("a").orElseThrow().circuitBreaker().transitionToOpenState();
		assertThat(this.health.read().level()).isEqualTo(Level.DEGRADED);
	}

	@Test
	void poolWithOnlyFailoverOnlyMembersLeftIsDegraded() {
		this.pool.getMember("a").orElseThrow().isolate();
		this.pool.getMember("b").orElseThrow().quarantine(null);
		Report health = this.health.read();
		assertThat(health.level()).isEqualTo(Level.DEGRADED);
		assertThat(health.details()).containsEntry("assistant", Map.of("status", "DEGRADED", "type", "chat", "members",
				Map.of("a", "FORCED_OPEN", "b", "QUARANTINED", "c", "CLOSED"), "store",
				Map.of("kind", "memory", "reachable", true)));
	}

	@Test
	void poolWhoseSharedStoreDoesNotAnswerIsDegradedAndSaysWhy() throws IOException {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", RedisServer.freePort()));
		nowhere.afterPropertiesSet();
		try (RedisStateStore away = RedisStateStore.builder(nowhere).timeout(Duration.ofMillis(200)).build()) {
			away.start();
			ModelPool shared = new PoolFixture(new SimulatedModels(simulator.get()), "shared").openAi("x")
				.build((builder) -> builder.stateStore(away));
			Report health = new ModelPoolsHealth(ModelPools.of(List.of(shared))).read();
			assertThat(health.level()).isEqualTo(Level.DEGRADED);
			@SuppressWarnings("unchecked")
			Map<String, Object> details = (Map<String, Object>) health.details().get("shared");
			assertThat(details).containsEntry("status", "DEGRADED").containsEntry("members", Map.of("x", "CLOSED"));
			assertThat(details.get("store")).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("kind", "redis")
				.containsEntry("reachable", false)
				.hasEntrySatisfying("lastError", (error) -> assertThat(error.toString()).isNotBlank());
		}
		finally {
			nowhere.destroy();
		}
	}

	@Test
	void poolWithNoMemberAvailableIsDown() {
		this.pool.getMembers().forEach((member) -> member.circuitBreaker().transitionToOpenState());
		assertThat(this.health.read().level()).isEqualTo(Level.DOWN);
	}

	@Test
	void worstPoolDecides() {
		ModelPool healthy = new PoolFixture(new SimulatedModels(simulator.get()), "healthy").openAi("x").build();
		ModelPool down = new PoolFixture(new SimulatedModels(simulator.get()), "down").openAi("y").build();
		down.getMembers().get(0).isolate();
		Report health = new ModelPoolsHealth(ModelPools.of(List.of(healthy, down))).read();
		assertThat(health.level()).isEqualTo(Level.DOWN);
		assertThat(health.pools()).containsExactly(entry("healthy", Level.UP), entry("down", Level.DOWN));
	}

	@Test
	void readingHealthNeverTakesAHalfOpenProbe() {
		var breaker = this.pool.getMember("a").orElseThrow().circuitBreaker();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		for (int i = 0; i < 50; i++) {
			this.health.read();
		}
		assertThat(breaker.tryAcquirePermission()).isTrue();
	}

}
