package io.github.modelpool.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.session.SessionTable;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.testsupport.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two application instances (two Spring application contexts with their own web
 * servers) share one real {@code redis-server}: sessions' moves, quarantines and
 * operator actions reach both, and a Redis that goes away costs no call.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedStateApplicationTests {

	private static final String AWAY_WARNING = "Model pool state store (Redis) does not answer";

	private static final String BACK_INFO = "Model pool state store (Redis) answers again";

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private static RedisServer redis;

	private static Instance first;

	private static Instance second;

	@BeforeAll
	static void startRedisAndTwoInstances() {
		assumeTrue(RedisServer.isInstalled(), "redis-server is not on the PATH");
		redis = RedisServer.start();
		first = Instance.start("instance-1");
		second = Instance.start("instance-2");
	}

	@AfterAll
	static void stopEverything() {
		for (Instance instance : new Instance[] { first, second }) {
			if (instance != null) {
				instance.context.close();
			}
		}
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void healEveryMember() {
		for (Instance instance : List.of(first, second)) {
			instance.pool("shared").getMembers().forEach(PoolMember::reset);
			instance.pool("brief").getMembers().forEach(PoolMember::reset);
		}
		simulator.get().reset();
	}

	@Test
	void aFailoverOnOneInstanceIsHonouredByTheOtherAtItsNextCall() {
		assertThat(first.call("shared", "moved-1")).isEqualTo("p");
		simulator.member("p").failNext(Fault.status(429));
		String moved = first.call("shared", "moved-1");
		assertThat(moved).isNotEqualTo("p");
		int primaryRequests = simulator.member("p").requestCount();
		assertThat(second.call("shared", "moved-1")).as("the other instance follows the move").isEqualTo(moved);
		assertThat(simulator.member("p").requestCount()).as("no extra provider request").isEqualTo(primaryRequests);
		assertThat(second.pool("shared").snapshot().switches()).isZero();
	}

	@Test
	void aCallInAConversationRunsOneScriptOnRedisAndACallWithoutOneRunsNone() {
		first.call("shared", "counted-1");
		long before = scriptRuns();
		first.call("shared", "counted-1");
		assertThat(scriptRuns() - before).as("one round trip with a routing key").isEqualTo(1);
		long anonymousBefore = scriptRuns();
		first.pool("shared").call(new Prompt("hello"));
		assertThat(scriptRuns()).as("none without one").isEqualTo(anonymousBefore);
	}

	/** Scripts Redis has run, by its own command statistics. */
	private static long scriptRuns() {
		Properties stats = first.redis()
			.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
		long runs = 0;
		for (String command : List.of("cmdstat_eval", "cmdstat_evalsha")) {
			String line = stats.getProperty(command, "calls=0,");
			runs += Long.parseLong(line.substring("calls=".length(), line.indexOf(',')));
		}
		return runs;
	}

	@Test
	void bothSwitchingTheSameConversationsAtTheSameMomentConvergeOnOneMember() throws Exception {
		// The first instance cannot use member a, so alone it would move sessions to b; the
		// second would move them to a.
		first.pool("shared").getMember("a").orElseThrow().circuitBreaker().transitionToOpenState();
		simulator.member("p").fail(Fault.status(429));
		// Four conversations: fewer failures than open p's breaker on either instance.
		List<String> conversations = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			conversations.add("race-" + i);
		}
		long switchesBefore = first.pool("shared").snapshot().switches() + second.pool("shared").snapshot().switches();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (String conversation : conversations) {
				CountDownLatch start = new CountDownLatch(1);
				answers.add(executor.submit(() -> {
					start.await();
					return first.call("shared", conversation);
				}));
				answers.add(executor.submit(() -> {
					start.await();
					return second.call("shared", conversation);
				}));
				start.countDown();
			}
			for (Future<String> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).as("no call failed").isNotEqualTo("p");
			}
		}
		finally {
			executor.shutdownNow();
		}
		long switches = first.pool("shared").snapshot().switches() + second.pool("shared").snapshot().switches()
				- switchesBefore;
		assertThat(switches).as("one switch per conversation, whichever instance won").isEqualTo(4);
		first.pool("shared").getMember("a").orElseThrow().circuitBreaker().transitionToClosedState();
		for (String conversation : conversations) {
			assertThat(first.call("shared", conversation)).as(conversation)
				.isEqualTo(second.call("shared", conversation));
		}
	}

	@Test
	void a401QuarantineOnOneInstanceStopsTheOtherAndAResetOnEitherLiftsItForBoth() {
		simulator.member("p").failNext(Fault.status(401));
		assertThat(first.call("shared", "revoked-1")).isNotEqualTo("p");
		PoolMember primaryThere = second.pool("shared").getMember("p").orElseThrow();
		await().atMost(Duration.ofSeconds(1)).until(() -> primaryThere.state() == MemberState.QUARANTINED);
		int primaryRequests = simulator.member("p").requestCount();
		assertThat(second.call("shared", "revoked-2")).isNotEqualTo("p");
		assertThat(simulator.member("p").requestCount()).as("the other instance never calls p")
			.isEqualTo(primaryRequests);
		assertThat(second.member("shared", "p").path("holdOrigin").asText()).isEqualTo("other-instance");
		assertThat(second.member("shared", "p").path("heldBy").asText()).isEqualTo("instance-1");
		assertThat(first.member("shared", "p").path("holdOrigin").asText()).isEqualTo("this-instance");

		second.memberAction("shared", "p", "reset");
		PoolMember primaryHere = first.pool("shared").getMember("p").orElseThrow();
		await().atMost(Duration.ofSeconds(1)).until(() -> primaryHere.state() == MemberState.CLOSED);
		assertThat(first.call("shared", "revoked-3")).isEqualTo("p");
	}

	@Test
	void isolatingAMemberThroughOneInstancesActuatorDrainsItOnBoth() {
		first.memberAction("shared", "p", "isolate");
		await().atMost(Duration.ofSeconds(1))
			.until(() -> second.pool("shared").getMember("p").orElseThrow().state() == MemberState.FORCED_OPEN);
		assertThat(first.call("shared", "drained-1")).isNotEqualTo("p");
		assertThat(second.call("shared", "drained-2")).isNotEqualTo("p");
		assertThat(simulator.member("p").requestCount()).isZero();
		assertThat(second.member("shared", "p").path("holdOrigin").asText()).isEqualTo("other-instance");
		assertThat(first.member("shared", "p").path("holdOrigin").asText()).isEqualTo("this-instance");
	}

	@Test
	void aSessionStoredInAShapeThisVersionCannotReadIsServedFromLocalState() {
		String key = "model-pool:session:shared:" + SessionTable.storedKey("garbled-1");
		first.redis().opsForHash().put(key, "home", "p");
		first.redis().opsForHash().put(key, "switches", "many");
		assertThat(first.call("shared", "garbled-1")).isEqualTo("p");
		assertThat(first.modelPools().path("store").path("reachable").asBoolean()).isTrue();
	}

	@Test
	void idleSessionsExpireFromRedis() {
		simulator.member("p").failNext(Fault.status(429));
		assertThat(first.call("brief", "idle-1")).isEqualTo("a");
		String key = "model-pool:session:brief:" + SessionTable.storedKey("idle-1");
		assertThat(first.redis().hasKey(key)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> !first.redis().hasKey(key));
		assertThat(second.call("brief", "idle-1")).as("a forgotten session starts at home").isEqualTo("p");
	}

	@Test
	void redisGoingAwayCostsNoCallAndWhatChangedMeanwhileIsWrittenBackWhenItReturns(CapturedOutput output) {
		assertThat(first.call("shared", "outage-1")).isEqualTo("p");
		String moved;
		redis.kill();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(first.call("shared", "outage-" + i)).isEqualTo("p");
				assertThat(second.call("shared", "outage-" + i)).isEqualTo("p");
			}
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(first.health()).isEqualTo("DEGRADED");
				assertThat(second.health()).isEqualTo("DEGRADED");
			});
			JsonNode store = first.modelPools().path("store");
			assertThat(store.path("kind").asText()).isEqualTo("redis");
			assertThat(store.path("reachable").asBoolean()).isFalse();
			assertThat(store.path("lastError").asText()).isNotBlank();
			assertThat(first.meters().get("model.pool.store.reachable").gauge().value()).isZero();
			assertThat(first.meters()
				.get("model.pool.store.operations")
				.tags("operation", "touch-session", "outcome", "skipped")
				.timer()
				.count()).as("calls served from local state").isPositive();
			// Changes made on the first instance while Redis is away.
			simulator.member("p").failNext(Fault.status(429));
			moved = first.call("shared", "outage-1");
			assertThat(moved).isNotEqualTo("p");
			first.memberAction("shared", "p", "isolate");
			assertThat(countOf(output.getOut(), AWAY_WARNING)).as("one WARN per instance").isEqualTo(2);
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(first.modelPools().path("store").path("reachable").asBoolean()).isTrue();
			assertThat(second.modelPools().path("store").path("reachable").asBoolean()).isTrue();
		});
		PoolMember primaryThere = second.pool("shared").getMember("p").orElseThrow();
		await().atMost(Duration.ofSeconds(5)).until(() -> primaryThere.state() == MemberState.FORCED_OPEN);
		assertThat(second.member("shared", "p").path("heldBy").asText()).isEqualTo("instance-1");
		assertThat(second.call("shared", "outage-1")).as("the move made meanwhile is shared now").isEqualTo(moved);
		assertThat(countOf(output.getOut(), AWAY_WARNING)).isEqualTo(2);
		assertThat(countOf(output.getOut(), BACK_INFO)).as("one INFO per instance").isEqualTo(2);

		second.memberAction("shared", "p", "reset");
		await().atMost(Duration.ofSeconds(1))
			.until(() -> first.pool("shared").getMember("p").orElseThrow().state() == MemberState.CLOSED);
		assertThat(first.health()).isEqualTo("UP");
		assertThat(second.health()).isEqualTo("UP");
		assertThat(first.meters().get("model.pool.store.reachable").gauge().value()).isOne();
		assertThat(first.meters()
			.get("model.pool.store.operations")
			.tags("operation", "touch-session", "outcome", "success")
			.timer()
			.count()).isPositive();
		assertThat(first.meters()
			.get("model.pool.store.operations")
			.tags("operation", "reconcile", "outcome", "success")
			.timer()
			.count()).isPositive();
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	/**
	 * One application instance: the pools {@code shared} (p, a, b) and {@code brief} (p,
	 * a; sessions forgotten after one idle second) over declared OpenAI models of the
	 * simulator, its state in the test's Redis, the actuator on a random port.
	 */
	private record Instance(ConfigurableApplicationContext context, RestClient rest) {

		private static final ObjectMapper json = new ObjectMapper();

		static Instance start(String id) {
			Map<String, Object> properties = new LinkedHashMap<>();
			for (String model : List.of("chat", "embedding", "image", "audio.speech", "audio.transcription",
					"moderation")) {
				properties.put("spring.ai.model." + model, "none");
			}
			properties.put("server.port", "0");
			properties.put("spring.data.redis.host", "127.0.0.1");
			properties.put("spring.data.redis.port", redis.port());
			properties.put("spring.data.redis.timeout", "2s");
			properties.put("model-pool.state-store", "redis");
			properties.put("model-pool.instance-id", id);
			properties.put("model-pool.redis.timeout", "1s");
			properties.put("model-pool.redis.check-interval", "200ms");
			for (String member : List.of("p", "a", "b")) {
				String prefix = "model-pool.models." + member;
				properties.put(prefix + ".provider", "openai");
				properties.put(prefix + ".api-key", "sk-test-" + member);
				properties.put(prefix + ".model", "gpt-" + member);
				properties.put(prefix + ".base-url", ProviderModels.openAiBaseUrl(simulator.baseUrl(member)));
			}
			properties.put("model-pool.primary", "shared");
			properties.put("model-pool.pools.shared.routing.home", "first-healthy");
			properties.put("model-pool.pools.brief.routing.home", "first-healthy");
			properties.put("model-pool.pools.brief.routing.session-idle-timeout", "1s");
			List<String> members = List.of("p", "a", "b");
			for (int i = 0; i < members.size(); i++) {
				properties.put("model-pool.pools.shared.members[" + i + "].chat-model", members.get(i));
			}
			properties.put("model-pool.pools.brief.members[0].chat-model", "p");
			properties.put("model-pool.pools.brief.members[1].chat-model", "a");
			properties.put("management.endpoints.web.exposure.include", "health,modelpools");
			properties.put("management.endpoint.health.show-details", "always");
			properties.put("management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.SERVLET)
				.properties(properties)
				.run();
			String port = context.getEnvironment().getProperty("local.server.port");
			RestClient rest = RestClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				})
				.build();
			return new Instance(context, rest);
		}

		ModelPool pool(String id) {
			return this.context.getBean(id, ModelPool.class);
		}

		MeterRegistry meters() {
			return this.context.getBean(MeterRegistry.class);
		}

		StringRedisTemplate redis() {
			return this.context.getBean(StringRedisTemplate.class);
		}

		/** Call a pool in a conversation; the member that answered. */
		String call(String pool, String conversation) {
			ChatResponse response = ModelPoolContext.withConversation(conversation,
					() -> pool(pool).call(new Prompt("hello")));
			return response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		}

		void memberAction(String pool, String member, String action) {
			assertThat(this.rest.post()
				.uri("/actuator/modelpools/{pool}/{member}", pool, member)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("action", action))
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.is2xxSuccessful()).isTrue();
		}

		JsonNode modelPools() {
			return get("/actuator/modelpools");
		}

		JsonNode member(String pool, String member) {
			for (JsonNode candidate : modelPools().path("pools").path(pool).path("members")) {
				if (candidate.path("id").asText().equals(member)) {
					return candidate;
				}
			}
			throw new IllegalStateException("No member " + member);
		}

		String health() {
			return get("/actuator/health").path("components").path("modelPools").path("status").asText();
		}

		private JsonNode get(String uri) {
			try {
				return json.readTree(this.rest.get().uri(uri).retrieve().body(String.class));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
