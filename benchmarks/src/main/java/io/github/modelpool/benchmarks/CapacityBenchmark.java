package io.github.modelpool.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPoolRateLimitedException;
import io.github.modelpool.redis.RedisStateStore;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.simulator.SimulatedMember;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.testsupport.RedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * How a pool spreads load over accounts with rate limits. Three simulated accounts behind
 * real Spring AI 1.1 OpenAI models (which expose the rate-limit headers), each allowing
 * {@value #REQUESTS} requests and {@value #TOKENS} tokens per window; the window is
 * compressed to {@value #WINDOW_SECONDS} s, standing for the providers' minute, in the
 * simulator and in the declared budgets alike, and the pool's quota Retry-After threshold
 * with it (5 s of a minute), and with two instances, how often they exchange their use
 * (the default 500 ms of a minute). Each setting runs three windows. Eight threads send calls of 1,000
 * conversations (each call picks one at random) at a steady rate of 80%, 100% and 130% of
 * the pool's total request capacity, each setting for {@value #RUN_SECONDS} s after the
 * simulator's windows start empty: budgets off (the pool learns of a limit from each 429
 * alone), declared, and learned from the headers, with {@code deterministic} and
 * {@code least-loaded} homes. Reports the 429s that reached an account, answers, calls
 * ended with {@code ModelPoolRateLimitedException} or another error, calls that did not
 * end (lost), p50 and p99 of the time to an answer, and sessions moved. Then the same
 * with two instances (two pools, each with its own models, budgets and Redis state
 * store, the threads alternating between them) sharing a {@code redis-server} from the
 * PATH, started on a free port for the run; without one, that part is skipped.
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.modelpool.benchmarks.CapacityBenchmark [seconds per setting]}.
 */
public final class CapacityBenchmark {

	private static final List<String> ACCOUNTS = List.of("a", "b", "c");

	static final int REQUESTS = 24;

	static final int TOKENS = 2_400;

	static final int WINDOW_SECONDS = 4;

	static final int RUN_SECONDS = 12;

	/** The pool's quota Retry-After threshold, compressed like the window: 5 s of a minute. */
	private static final Duration THRESHOLD = Duration.ofMillis(WINDOW_SECONDS * 1000L * 5 / 60);

	/** How often the instances exchange their use, compressed like the window: 500 ms of a minute. */
	private static final Duration USAGE_EXCHANGE = Duration.ofMillis(WINDOW_SECONDS * 1000L / 120);

	private static final int THREADS = 8;

	private static final int CONVERSATIONS = 1_000;

	private final ProviderSimulator simulator;

	private final List<ChatModel> models = new ArrayList<>();

	private CapacityBenchmark(ProviderSimulator simulator) {
		this.simulator = simulator;
		for (String account : ACCOUNTS) {
			this.models.add(SimulatorModels.openAi(simulator, account));
		}
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : RUN_SECONDS;
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try (ProviderSimulator simulator = ProviderSimulator.start()) {
			simulator.pace(Duration.ofMillis(30), Duration.ZERO);
			simulator.replies((member, request) -> "Here is what I found for you today.");
			CapacityBenchmark benchmark = new CapacityBenchmark(simulator);
			System.out.printf(Locale.ROOT, "%d accounts x %d requests and %d tokens per %d s window; %d threads, "
					+ "%d conversations, %d s per setting%n", ACCOUNTS.size(), REQUESTS, TOKENS, WINDOW_SECONDS,
					THREADS, CONVERSATIONS, seconds);
			benchmark.table("One instance", seconds, null);
			if (RedisServer.isInstalled()) {
				try (RedisServer redis = RedisServer.start()) {
					benchmark.table("Two instances sharing Redis", seconds, redis);
				}
			}
			else {
				System.out.println("redis-server is not on the PATH: two instances skipped");
			}
		}
		System.exit(0);
	}

	private void table(String title, int seconds, RedisServer redis) throws Exception {
		System.out.println();
		System.out.println(title);
		System.out.printf(Locale.ROOT, "%-10s %-14s %-5s %6s %8s %8s %7s %5s %9s %9s %6s%n", "Budgets", "Homes",
				"Load", "429s", "answers", "limited", "failed", "lost", "p50 ms", "p99 ms", "moved");
		for (Budgets budgets : Budgets.values()) {
			for (HomeStrategy home : List.of(HomeStrategy.DETERMINISTIC, HomeStrategy.LEAST_LOADED)) {
				for (int load : new int[] { 80, 100, 130 }) {
					Result result = run(budgets, home, load, seconds, redis);
					System.out.printf(Locale.ROOT, "%-10s %-14s %4d%% %6d %8d %8d %7d %5d %9.0f %9.0f %6d%n",
							budgets.label, home.name().toLowerCase(Locale.ROOT).replace('_', '-'), load,
							result.rejections, result.answers, result.limited, result.failed, result.lost,
							result.p50Millis, result.p99Millis, result.moved);
				}
			}
		}
	}

	private Result run(Budgets budgets, HomeStrategy home, int load, int seconds, RedisServer redis)
			throws Exception {
		this.simulator.reset();
		this.simulator.pace(Duration.ofMillis(30), Duration.ZERO);
		for (String account : ACCOUNTS) {
			this.simulator.member(account).limits(REQUESTS, TOKENS, Duration.ofSeconds(WINDOW_SECONDS));
		}
		List<Instance> instances = new ArrayList<>();
		if (redis == null) {
			instances.add(new Instance(pool(budgets, home, new MemoryStateStore("one"), this.models), null, null));
		}
		else {
			for (String id : List.of("instance-1", "instance-2")) {
				LettuceConnectionFactory connections = new LettuceConnectionFactory(
						new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
				connections.afterPropertiesSet();
				connections.start();
				RedisStateStore store = RedisStateStore.builder(connections)
					.instanceId(id)
					.usageExchangeInterval(USAGE_EXCHANGE)
					.keyPrefix("capacity-" + budgets.label + "-" + home + "-" + load + ":")
					.build();
				store.start();
				List<ChatModel> models = ACCOUNTS.stream().map((account) -> SimulatorModels.openAi(this.simulator, account))
					.toList();
				ModelPool pool = pool(budgets, home, store, models);
				pool.start();
				instances.add(new Instance(pool, store, connections));
			}
		}
		try {
			return load(instances, load, seconds);
		}
		finally {
			instances.forEach(Instance::stop);
		}
	}

	private Result load(List<Instance> instances, int load, int seconds) throws Exception {
		double perSecond = load / 100.0 * ACCOUNTS.size() * REQUESTS / WINDOW_SECONDS;
		long intervalNanos = (long) (1_000_000_000L / perSecond);
		int calls = (int) (perSecond * seconds);
		long start = System.nanoTime() + 100_000_000L;
		AtomicLong tickets = new AtomicLong();
		AtomicInteger answers = new AtomicInteger();
		AtomicInteger limited = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			workers.add(threads.submit(() -> {
				for (long ticket = tickets.getAndIncrement(); ticket < calls; ticket = tickets.getAndIncrement()) {
					long due = start + ticket * intervalNanos;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					String conversation = "conversation-" + ThreadLocalRandom.current().nextInt(CONVERSATIONS);
					ModelPool pool = instances.get((int) (ticket % instances.size())).pool();
					long begin = System.nanoTime();
					try {
						ModelPoolContext.withConversation(conversation,
								() -> pool.call(new Prompt("Plan a trip to Lisbon for two days")));
						times.add(System.nanoTime() - begin);
						answers.incrementAndGet();
					}
					catch (ModelPoolRateLimitedException ex) {
						limited.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
				}
				return null;
			}));
		}
		threads.shutdown();
		boolean ended = threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
		threads.shutdownNow();
		int rejections = ACCOUNTS.stream()
			.map(this.simulator::member)
			.mapToInt(SimulatedMember::rateLimitedCount)
			.sum();
		List<Long> sorted = times.stream().sorted().toList();
		int lost = ended ? calls - answers.get() - limited.get() - failed.get() : -1;
		long moved = instances.stream().mapToLong((instance) -> instance.pool().snapshot().switches()).sum();
		return new Result(rejections, answers.get(), limited.get(), failed.get(), lost, percentile(sorted, 0.50),
				percentile(sorted, 0.99), moved);
	}

	private static double percentile(List<Long> sorted, double quantile) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1_000_000.0;
	}

	private static ModelPool pool(Budgets budgets, HomeStrategy home, StateStore store, List<ChatModel> models) {
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(
				CircuitBreakerRegistry.of(MemberCircuitBreakers.POOL_DEFAULTS));
		ModelPool.Builder builder = ModelPool.builder("capacity")
			.stateStore(store)
			.switching(SwitchPolicy.builder().quotaRetryAfterThreshold(THRESHOLD).build())
			.routing(new RoutingPolicy(home, StickyScope.THREAD, 10_000, Duration.ofHours(1), null));
		for (int i = 0; i < ACCOUNTS.size(); i++) {
			String account = ACCOUNTS.get(i);
			builder.member(PoolMember
				.builder(new RouteMember(account, 1, MemberRole.MEMBER), models.get(i),
						breakers.forMember("capacity", account))
				.chatModelName(account)
				.budget(budgets.budget(account))
				.build());
		}
		return builder.build();
	}

	private enum Budgets {

		OFF("off"),

		DECLARED("declared"),

		LEARNED("learned");

		private final String label;

		Budgets(String label) {
			this.label = label;
		}

		AccountBudget budget(String account) {
			Duration window = Duration.ofSeconds(WINDOW_SECONDS);
			return switch (this) {
				case OFF -> AccountBudget.unlimited(account);
				case DECLARED -> new AccountBudget(account, new RateLimits((long) REQUESTS, (long) TOKENS, window));
				case LEARNED -> new AccountBudget(account, new RateLimits(null, null, window));
			};
		}

	}

	/**
	 * One application instance: its pool, and its Redis store and connections when shared.
	 */
	private record Instance(ModelPool pool, RedisStateStore store, LettuceConnectionFactory connections) {

		void stop() {
			this.pool.stop();
			if (this.store != null) {
				this.store.close();
				this.connections.destroy();
			}
		}

	}

	private record Result(int rejections, int answers, int limited, int failed, int lost, double p50Millis,
			double p99Millis, long moved) {
	}

}
