package io.github.modelpool.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.redis.RedisStateStore;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.testsupport.RedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the shared state store adds to a call with a routing key: the memory store (the
 * default) against Redis on this machine ({@code redis-server} from the PATH, started on
 * a free port for the run). The member answers from memory, so only the pool and its
 * store are measured; with Redis that is one round trip per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StateStoreBenchmark {

	private static final ChatResponse ANSWER = new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));

	@Param({ "memory", "redis" })
	public String store;

	private RedisServer redis;

	private LettuceConnectionFactory connectionFactory;

	private RedisStateStore redisStore;

	private ModelPool pool;

	private Prompt prompt;

	private RoutingKeys[] keys;

	private int next;

	@Setup
	public void setUp() throws Exception {
		StateStore stateStore = new MemoryStateStore("benchmark");
		if ("redis".equals(this.store)) {
			this.redis = RedisServer.start();
			this.connectionFactory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", this.redis.port()));
			this.connectionFactory.afterPropertiesSet();
			this.connectionFactory.start();
			this.redisStore = RedisStateStore.builder(this.connectionFactory)
				.instanceId("benchmark")
				.timeout(Duration.ofMillis(200))
				.build();
			this.redisStore.start();
			stateStore = this.redisStore;
		}
		ChatModel member = (prompt) -> ANSWER;
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults());
		ModelPool.Builder builder = ModelPool.builder("bench").stateStore(stateStore);
		for (String id : List.of("a", "b", "c")) {
			builder.member(new PoolMember(new RouteMember(id, 1, MemberRole.MEMBER), id, member, null,
					breakers.forMember("bench", id), Clock.systemUTC()));
		}
		this.pool = builder.build();
		this.prompt = new Prompt("hello");
		this.keys = new RoutingKeys[1000];
		for (int i = 0; i < this.keys.length; i++) {
			this.keys[i] = RoutingKeys.conversation("conversation-" + i);
		}
	}

	@TearDown
	public void tearDown() {
		if (this.redisStore != null) {
			this.redisStore.close();
			this.connectionFactory.destroy();
			this.redis.close();
		}
	}

	@Benchmark
	public ChatResponse poolCall() {
		this.next = (this.next + 1) % this.keys.length;
		return ModelPoolContext.with(this.keys[this.next], () -> this.pool.call(this.prompt));
	}

}
