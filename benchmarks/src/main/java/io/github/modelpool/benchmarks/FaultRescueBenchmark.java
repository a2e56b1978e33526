package io.github.modelpool.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Time to a whole answer under each provider fault the pool rescues, against a healthy
 * call. A pool of a home member {@code p} and a failover-only member {@code f} (which
 * accepts prefill continuation) of real Spring AI OpenAI models talks HTTP to the
 * provider simulator; each round builds a fresh pool over the same two models (so no
 * breaker remembers an earlier round), sets one fault on {@code p} and
 * times one call or stream on the real clock, from the request until the last chunk.
 * The pool runs its defaults except for shorter stream limits (first token 2 s, idle
 * 1 s) so a round does not take the 30 s defaults.
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.modelpool.benchmarks.FaultRescueBenchmark [rounds]}.
 */
public final class FaultRescueBenchmark {

	private static final String ANSWER = "one two three four five six seven eight nine ten eleven twelve";

	private static final TimeoutPolicy STREAM_LIMITS = new TimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1),
			null);

	private static final int WARM_UP_ROUNDS = 3;

	private final ProviderSimulator simulator;

	private final ChatModel primary;

	private final ChatModel failover;

	private FaultRescueBenchmark(ProviderSimulator simulator) {
		this.simulator = simulator;
		this.primary = SimulatorModels.openAi(simulator, "p");
		this.failover = SimulatorModels.openAi(simulator, "f");
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		// The JDK's HTTP server otherwise waits on delayed acknowledgements of small writes,
		// adding tens of milliseconds to every answer that no real provider adds.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try (ProviderSimulator simulator = ProviderSimulator.start()) {
			simulator.replies((member, request) -> ANSWER);
			FaultRescueBenchmark benchmark = new FaultRescueBenchmark(simulator);
			System.out.printf(Locale.ROOT, "%-46s %-6s %10s %10s %10s  %s%n", "Fault on the home member", "Mode",
					"median ms", "p90 ms", "max ms", "served by");
			for (Scenario scenario : Scenario.values()) {
				benchmark.measure(scenario, WARM_UP_ROUNDS);
				System.out.println(benchmark.measure(scenario, rounds));
			}
		}
		System.exit(0);
	}

	private Result measure(Scenario scenario, int rounds) {
		long[] nanos = new long[rounds];
		String servedBy = null;
		for (int round = 0; round < rounds; round++) {
			this.simulator.reset();
			ModelPool pool = pool();
			scenario.setUp.apply(this.simulator);
			String conversation = scenario.name() + "-" + round;
			long start = System.nanoTime();
			List<String> members = scenario.streamed ? stream(pool, conversation) : call(pool, conversation);
			nanos[round] = System.nanoTime() - start;
			servedBy = String.join("+", members);
		}
		return new Result(scenario, nanos, servedBy);
	}

	private ModelPool pool() {
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(
				CircuitBreakerRegistry.of(MemberCircuitBreakers.POOL_DEFAULTS));
		return ModelPool.builder("rescue")
			.member(member(new RouteMember("p", 1, MemberRole.MEMBER, 8_000, Continuation.NONE), this.primary,
					breakers))
			.member(member(new RouteMember("f", 1, MemberRole.FAILOVER_ONLY, 128_000, Continuation.PREFILL),
					this.failover, breakers))
			.timeouts(STREAM_LIMITS)
			.build();
	}

	private static PoolMember member(RouteMember route, ChatModel model, MemberCircuitBreakers breakers) {
		return new PoolMember(route, route.id(), model, null, breakers.forMember("rescue", route.id()),
				Clock.systemUTC());
	}

	private static List<String> call(ModelPool pool, String conversation) {
		ChatResponse response = ModelPoolContext.withConversation(conversation,
				() -> pool.call(new Prompt("tell me")));
		requireWholeAnswer(response.getResult().getOutput().getText());
		return List.of(response.getMetadata().<String>get(ModelPool.MEMBER_METADATA_KEY));
	}

	private static List<String> stream(ModelPool pool, String conversation) {
		List<ChatResponse> chunks = pool.stream(new Prompt("tell me"))
			.contextWrite(ModelPoolContext.conversation(conversation))
			.collectList()
			.block(Duration.ofMinutes(1));
		requireWholeAnswer(chunks.stream()
			.map((chunk) -> (chunk.getResult() != null) ? chunk.getResult().getOutput().getText() : null)
			.filter((text) -> text != null)
			.collect(Collectors.joining()));
		return chunks.get(chunks.size() - 1).getMetadata().get(ModelPool.MEMBERS_METADATA_KEY);
	}

	private static void requireWholeAnswer(String text) {
		if (!ANSWER.equals(text)) {
			throw new IllegalStateException("The pool answered '" + text + "' instead of the whole answer");
		}
	}

	/** One fault set on the home member before a round, and how the round calls the pool. */
	enum Scenario {

		HEALTHY_CALL("none (healthy)", false, (simulator) -> simulator),

		SERVER_ERROR_ONCE_CALL("500 once", false, failNext(Fault.status(500))),

		RESET_ONCE_CALL("connection reset once", false, failNext(Fault.reset())),

		QUOTA_RETRY_AFTER_CALL("429 Retry-After: 2, once", false,
				failNext(Fault.status(429).withRetryAfter("2"))),

		DOWN_CALL("503 on every try (breaker still closed)", false, fail(Fault.status(503))),

		CONTEXT_LENGTH_CALL("400 context length exceeded", false, fail(Fault.contextLengthExceeded())),

		HEALTHY_STREAM("none (healthy)", true, (simulator) -> simulator),

		SERVER_ERROR_ONCE_STREAM("500 once", true, failNext(Fault.status(500))),

		RESET_ONCE_STREAM("connection reset once", true, failNext(Fault.reset())),

		QUOTA_RETRY_AFTER_STREAM("429 Retry-After: 2, once", true, failNext(Fault.status(429).withRetryAfter("2"))),

		SILENT_STREAM("no answer at all (first-token limit 2 s)", true, fail(Fault.noAnswer())),

		SLOW_FIRST_TOKEN_STREAM("first token after 20 s (limit 2 s)", true,
				fail(Fault.delay(Duration.ofSeconds(20)))),

		CUT_STREAM("cut after 5 chunks (prefill continuation)", true, fail(Fault.cutStreamAfter(5))),

		STALLED_STREAM("stalled after 5 chunks (idle limit 1 s)", true, fail(Fault.stallAfter(5))),

		MALFORMED_STREAM("malformed chunk after 5 chunks", true, fail(Fault.malformedChunkAfter(5))),

		NO_FINISH_STREAM("ends without finish after 5 chunks", true, fail(Fault.endWithoutFinishAfter(5))),

		CONTEXT_LENGTH_STREAM("400 context length exceeded", true, fail(Fault.contextLengthExceeded()));

		private final String fault;

		private final boolean streamed;

		private final Function<ProviderSimulator, Object> setUp;

		Scenario(String fault, boolean streamed, Function<ProviderSimulator, Object> setUp) {
			this.fault = fault;
			this.streamed = streamed;
			this.setUp = setUp;
		}

		private static Function<ProviderSimulator, Object> failNext(Fault fault) {
			return (simulator) -> simulator.member("p").failNext(fault);
		}

		private static Function<ProviderSimulator, Object> fail(Fault fault) {
			return (simulator) -> simulator.member("p").fail(fault);
		}

	}

	private record Result(Scenario scenario, long[] nanos, String servedBy) {

		@Override
		public String toString() {
			long[] sorted = this.nanos.clone();
			Arrays.sort(sorted);
			return String.format(Locale.ROOT, "%-46s %-6s %10.1f %10.1f %10.1f  %s", this.scenario.fault,
					this.scenario.streamed ? "stream" : "call", millis(percentile(sorted, 50)),
					millis(percentile(sorted, 90)), millis(sorted[sorted.length - 1]), this.servedBy);
		}

		private static long percentile(long[] sorted, int percent) {
			int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
		}

		private static double millis(long nanos) {
			return nanos / 1_000_000.0;
		}

	}

}
