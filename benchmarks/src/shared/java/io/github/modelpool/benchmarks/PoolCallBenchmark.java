package io.github.modelpool.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What a pool adds to each blocking call on top of its member: session lookup (or
 * creation), breaker permission, option adaptation, success recording and response
 * metadata. The member answers from memory, so only the pool's own work is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PoolCallBenchmark {

	private static final ChatResponse ANSWER = new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));

	@Param({ "1000", "100000" })
	public int conversations;

	private ModelPool pool;

	private ChatModel member;

	private Prompt prompt;

	private RoutingKeys[] keys;

	@Setup
	public void setUp() {
		this.member = (prompt) -> ANSWER;
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(registry);
		ModelPool.Builder builder = ModelPool.builder("bench");
		for (String id : List.of("a", "b", "c")) {
			builder.member(new PoolMember(new RouteMember(id, 1, MemberRole.MEMBER), id, this.member, null,
					breakers.forMember("bench", id), java.time.Clock.systemUTC()));
		}
		this.pool = builder.build();
		this.prompt = new Prompt("hello");
		this.keys = new RoutingKeys[this.conversations];
		for (int i = 0; i < this.keys.length; i++) {
			this.keys[i] = RoutingKeys.conversation("conversation-" + i);
		}
	}

	/** The member alone, for comparison. */
	@Benchmark
	public ChatResponse memberDirectly() {
		return this.member.call(this.prompt);
	}

	@Benchmark
	@Threads(1)
	public ChatResponse poolCallOneThread(ThreadState state) {
		return ModelPoolContext.with(this.keys[state.next()], () -> this.pool.call(this.prompt));
	}

	@Benchmark
	@Threads(4)
	public ChatResponse poolCallFourThreads(ThreadState state) {
		return ModelPoolContext.with(this.keys[state.next()], () -> this.pool.call(this.prompt));
	}

	/**
	 * Each thread walks the conversations from its own offset.
	 */
	@State(Scope.Thread)
	public static class ThreadState {

		private int index = (int) (Math.random() * 1_000_000);

		private int size;

		@Setup
		public void setUp(PoolCallBenchmark benchmark) {
			this.size = benchmark.conversations;
		}

		int next() {
			this.index = (this.index + 1) % this.size;
			return this.index;
		}

	}

}
