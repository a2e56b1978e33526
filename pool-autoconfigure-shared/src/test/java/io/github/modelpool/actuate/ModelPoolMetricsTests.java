package io.github.modelpool.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.modelpool.budget.LimitReading;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ModelPoolMetricsTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private ModelPool pool;

	@BeforeEach
	void createPool() {
		List<ModelPool> pools = new ArrayList<>();
		ModelPoolMetrics metrics = new ModelPoolMetrics(this.registry, ModelPools.lazily(() -> pools));
		this.pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.listener(metrics));
		pools.add(this.pool);
		metrics.bindTo(this.registry);
	}

	@Test
	void callsAreTimedPerMemberOutcomeAndMode() {
		String home = served(call("thread-1"));
		call("thread-1");
		ModelPoolContext.withConversation("thread-1", () -> this.pool.stream(new Prompt("s")).blockLast());
		assertThat(this.registry.get("model.pool.calls")
			.tags("pool", "assistant", "member", home, "outcome", "success", "mode", "call")
			.timer()
			.count()).isEqualTo(2);
		assertThat(this.registry.get("model.pool.calls")
			.tags("pool", "assistant", "member", home, "outcome", "success", "mode", "stream")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void failuresSwitchesAndRefusalsAreCountedWithTheirTags() {
		String home = served(call("thread-2"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).failNext(Fault.status(429));
		call("thread-2");
		assertThat(this.registry.get("model.pool.calls").tags("member", home, "outcome", "quota").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("model.pool.switches")
			.tags("pool", "assistant", "from", home, "to", other, "reason", "quota")
			.counter()
			.count()).isEqualTo(1);
		simulator.member(other).failNext(Fault.status(500));
		catchThrowable(() -> call("thread-2"));
		assertThat(this.registry.get("model.pool.calls").tags("member", other, "outcome", "transient").timer().count())
			.isEqualTo(1);
		this.pool.getMember(other).orElseThrow().isolate();
		call("thread-2");
		assertThat(this.registry.get("model.pool.calls")
			.tags("member", other, "outcome", "not_permitted")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("model.pool.switches").tags("reason", "circuit_open").counter().count())
			.isEqualTo(1);
	}

	@Test
	void cancelledStreamsAreCountedAsCancelled() {
		ModelPoolContext.withConversation("thread-c", () -> this.pool.stream(new Prompt("a longer answer")))
			.take(1)
			.blockLast();
		assertThat(this.registry.get("model.pool.calls").tags("outcome", "cancelled", "mode", "stream").timer().count())
			.isEqualTo(1);
	}

	@Test
	void gaugesShowSessionsActiveSessionsAndAvailability() {
		String home = served(call("thread-g1"));
		call("thread-g2");
		call("thread-g3");
		assertThat(this.registry.get("model.pool.sessions").tag("pool", "assistant").gauge().value()).isEqualTo(3);
		double active = this.registry.get("model.pool.member.active.sessions").tag("member", "a").gauge().value()
				+ this.registry.get("model.pool.member.active.sessions").tag("member", "b").gauge().value();
		assertThat(active).isEqualTo(3);
		assertThat(this.registry.get("model.pool.member.available").tag("member", home).gauge().value()).isEqualTo(1);
		this.pool.getMember(home).orElseThrow().isolate();
		assertThat(this.registry.get("model.pool.member.available").tag("member", home).gauge().value()).isZero();
	}

	@Test
	void gaugesShowCallsInFlightAndWhatIsLeftOfEachBudget() {
		assertThat(this.registry.get("model.pool.inflight").tag("member", "a").gauge().value()).isZero();
		assertThat(this.registry.get("model.pool.budget.remaining").tags("member", "a", "type", "requests").gauge()
			.value()).isNaN();
		String home = served(call("thread-b1"));
		PoolMember member = this.pool.getMember(home).orElseThrow();
		member.budget().observed(new LimitReading(100, 40, 30_000_000_000L, 5_000, 4_000, 1_000_000_000L),
				System.nanoTime());
		assertThat(this.registry.get("model.pool.budget.remaining").tags("member", home, "type", "requests").gauge()
			.value()).isEqualTo(40);
		assertThat(this.registry.get("model.pool.budget.remaining").tags("member", home, "type", "tokens").gauge()
			.value()).isEqualTo(4_000);
		ModelPoolContext.withConversation("thread-b2", () -> this.pool.stream(new Prompt("a longer answer")))
			.take(1)
			.doOnNext((first) -> assertThat(this.registry.get("model.pool.inflight")
				.tag("member", served(first))
				.gauge()
				.value()).isOne())
			.blockLast();
	}

	@Test
	void anonymousCallsAreTimedLikeOthers() {
		Flux.range(0, 4).doOnNext((i) -> this.pool.call(new Prompt("anonymous"))).blockLast();
		long successes = this.registry.get("model.pool.calls")
			.tags("outcome", "success")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
		assertThat(successes).isEqualTo(4);
	}

	private org.springframework.ai.chat.model.ChatResponse call(String conversation) {
		return ModelPoolContext.withConversation(conversation, () -> this.pool.call(new Prompt("hi")));
	}

	private static String served(org.springframework.ai.chat.model.ChatResponse response) {
		return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

}
