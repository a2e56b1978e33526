package io.github.modelpool.actuate;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.budget.BudgetSnapshot;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.pool.CallMode;
import io.github.modelpool.pool.CallOutcome;
import io.github.modelpool.pool.MemberSnapshot;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import io.github.modelpool.pool.PoolListener;
import io.github.modelpool.pool.SwitchReason;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.state.StoreListener;
import io.github.modelpool.state.StoreOperation;
import io.github.modelpool.state.StoreOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of the model pools: {@code model.pool.calls} (timer per member call),
 * the counters {@code model.pool.switches} (sessions moved), {@code model.pool.failovers}
 * (calls moved, continuations included), {@code model.pool.retries},
 * {@code model.pool.timeouts} and {@code model.pool.tokens} (tokens of the members'
 * answers as their providers counted them, by {@code type}: {@code input} for every
 * prompt token, {@code cached} for those of them read from the provider's prompt cache,
 * {@code output}), the gauges {@code model.pool.sessions},
 * {@code model.pool.member.active.sessions}, {@code model.pool.member.available},
 * {@code model.pool.inflight} (calls in flight per member) and
 * {@code model.pool.budget.remaining} (what is left of the rate budget of the member's
 * account, by {@code type}: {@code requests} or {@code tokens}; NaN while no limit is
 * known), and
 * for a shared state store the timer {@code model.pool.store.operations} and the gauge
 * {@code model.pool.store.reachable}. Embedding pools have the same member meters under
 * {@code model.pool.embedding.*} ({@code model.pool.embedding.calls} and so on; their
 * tokens are input only) and no session gauges, so the chat meters keep their tags.
 */
public class ModelPoolMetrics implements PoolListener, StoreListener, MeterBinder {

	private final MeterRegistry registry;

	private final ModelPools pools;

	/**
	 * Create the meters.
	 * @param registry registry the call and switch meters go to
	 * @param pools pools whose gauges to register when bound
	 */
	public ModelPoolMetrics(MeterRegistry registry, ModelPools pools) {
		this.registry = registry;
		this.pools = pools;
	}

	@Override
	public void onMemberCall(String pool, PoolMember member, CallOutcome outcome, CallMode mode, long nanos) {
		Timer.builder(Meter.CALLS.of(member))
			.description("Calls of pool members")
			.tags(Tags.of("pool", pool, "member", member.id(), "outcome", outcome.tag(), "mode", lower(mode)))
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onSwitch(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
		Counter.builder(Meter.SWITCHES.of(from))
			.description("Sessions moved from one member to another")
			.tags(Tags.of("pool", pool, "from", from.id(), "to", to.id(), "reason", lower(reason)))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onFailover(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
		Counter.builder(Meter.FAILOVERS.of(from))
			.description("Calls moved from one member to another, their sessions staying")
			.tags(Tags.of("pool", pool, "from", from.id(), "to", to.id(), "reason", lower(reason)))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onRetry(String pool, PoolMember member, FailureKind kind, Duration wait) {
		Counter.builder(Meter.RETRIES.of(member))
			.description("Members tried again within the same call")
			.tags(Tags.of("pool", pool, "member", member.id(), "kind", lower(kind)))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onTimeout(String pool, PoolMember member, TimeoutKind kind) {
		Counter.builder(Meter.TIMEOUTS.of(member))
			.description("Member tries that ran out of time")
			.tags(Tags.of("pool", pool, "member", member.id(), "kind", lower(kind)))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onTokens(String pool, PoolMember member, TokenCounts tokens) {
		tokens(pool, member, "input", tokens.input());
		tokens(pool, member, "cached", tokens.cached());
		tokens(pool, member, "output", tokens.output());
	}

	private void tokens(String pool, PoolMember member, String type, long count) {
		Counter.builder(Meter.TOKENS.of(member))
			.description("Tokens of the members' answers, as their providers counted them")
			.baseUnit("tokens")
			.tags(Tags.of("pool", pool, "member", member.id(), "type", type))
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void onOperation(StoreOperation operation, StoreOutcome outcome, long nanos) {
		Timer.builder("model.pool.store.operations")
			.description("Operations of the state store pools share with other instances")
			.tags(Tags.of("operation", operation.tag(), "outcome", outcome.tag()))
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Set<StateStore> stores = new LinkedHashSet<>();
		this.pools.forEach((pool) -> stores.add(pool.getStateStore()));
		stores.stream()
			.filter((store) -> store.kind() != StoreKind.MEMORY)
			.forEach((store) -> Gauge.builder("model.pool.store.reachable", store,
					(shared) -> shared.status().reachable() ? 1 : 0)
				.description("Whether the shared state store answers (1) or the pools serve from local state (0)")
				.tag("store", store.kind().tag())
				.register(registry));
		for (Pool pool : this.pools) {
			String id = pool.getId();
			boolean sessions = pool.getType() == ModelType.CHAT;
			if (sessions) {
				Gauge.builder("model.pool.sessions", pool, (p) -> p.snapshot().sessions())
					.description("Sessions remembered by the pool")
					.tag("pool", id)
					.register(registry);
			}
			for (PoolMember member : pool.getMembers()) {
				Tags tags = Tags.of("pool", id, "member", member.id());
				if (sessions) {
					Gauge.builder("model.pool.member.active.sessions", pool, (p) -> activeSessions(p, member.id()))
						.description("Sessions served by the member now")
						.tags(tags)
						.register(registry);
				}
				Gauge.builder(Meter.AVAILABLE.of(member), member, (m) -> m.isAvailable() ? 1 : 0)
					.description("Whether sessions are offered the member now (1) or not (0)")
					.tags(tags)
					.register(registry);
				Gauge.builder(Meter.INFLIGHT.of(member), member, PoolMember::inflight)
					.description("Calls admitted at the member and not ended yet")
					.tags(tags)
					.register(registry);
				Gauge.builder(Meter.BUDGET_REMAINING.of(member), member, (m) -> remaining(m, true))
					.description("Requests left in the rate budget of the member's account (NaN while no limit is known)")
					.tags(tags.and("type", "requests"))
					.register(registry);
				Gauge.builder(Meter.BUDGET_REMAINING.of(member), member, (m) -> remaining(m, false))
					.description("Tokens left in the rate budget of the member's account (NaN while no limit is known)")
					.tags(tags.and("type", "tokens"))
					.register(registry);
			}
		}
	}

	private static double remaining(PoolMember member, boolean requests) {
		BudgetSnapshot budget = member.budget().snapshot(System.nanoTime());
		Long remaining = requests ? budget.requestsRemaining() : budget.tokensRemaining();
		return (remaining != null) ? remaining : Double.NaN;
	}

	private static double activeSessions(Pool pool, String memberId) {
		return pool.snapshot()
			.members()
			.stream()
			.filter((member) -> member.id().equals(memberId))
			.mapToInt(MemberSnapshot::activeSessions)
			.sum();
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The meters of members, named {@code model.pool.*} for chat pools and
	 * {@code model.pool.embedding.*} for embedding pools, so chat meters keep their tags.
	 */
	private enum Meter {

		CALLS("calls"), SWITCHES("switches"), FAILOVERS("failovers"), RETRIES("retries"), TIMEOUTS("timeouts"),
		TOKENS("tokens"), AVAILABLE("member.available"), INFLIGHT("inflight"), BUDGET_REMAINING("budget.remaining");

		private final String chat;

		private final String embedding;

		Meter(String name) {
			this.chat = "model.pool." + name;
			this.embedding = "model.pool.embedding." + name;
		}

		String of(PoolMember member) {
			return (member.type() == ModelType.EMBEDDING) ? this.embedding : this.chat;
		}

	}

}
