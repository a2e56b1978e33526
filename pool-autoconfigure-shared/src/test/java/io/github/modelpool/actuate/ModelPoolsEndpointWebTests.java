package io.github.modelpool.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The operator view over HTTP, in a web application whose pool members are Spring AI's
 * auto-configured OpenAI and Anthropic models talking to simulated providers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.health.redis.enabled=false", "spring.ai.retry.max-attempts=1",
				"spring.ai.openai.max-retries=0", "spring.ai.anthropic.max-retries=0",
				"spring.ai.openai.api-key=sk-test-openai-0123456789",
				"spring.ai.openai.chat.options.model=gpt-4o-mini",
				"spring.ai.anthropic.api-key=sk-ant-test-anthropic-0123456789",
				"spring.ai.anthropic.chat.options.model=claude-3-5-haiku-latest",
				"model-pool.pools.assistant.members[0].id=gpt",
				"model-pool.pools.assistant.members[0].chat-model=openAiChatModel",
				"model-pool.pools.assistant.members[0].rpm=10000",
				"model-pool.pools.assistant.members[1].id=claude",
				"model-pool.pools.assistant.members[1].chat-model=anthropicChatModel",
				"model-pool.pools.assistant.routing.home=first-healthy",
				"management.endpoints.web.exposure.include=health,modelpools,circuitbreakers,metrics",
				"management.endpoint.health.show-details=always" })
class ModelPoolsEndpointWebTests {

	private static final List<String> SECRETS = List.of("sk-test-openai-0123456789",
			"sk-ant-test-anthropic-0123456789", "0123456789");

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private static final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void providerUrls(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", () -> ProviderModels.openAiBaseUrl(simulator.baseUrl("gpt")));
		registry.add("spring.ai.anthropic.base-url", () -> simulator.baseUrl("claude"));
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ModelPool assistant;

	private RestClient rest;

	@BeforeEach
	void setUp() {
		this.assistant.getMembers().forEach((member) -> member.reset());
		this.rest = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void listsEveryPoolWithSettingsAndMembers() throws Exception {
		chat("thread-1");
		JsonNode pool = get("/actuator/modelpools").path("pools").path("assistant");
		assertThat(pool.path("id").asText()).isEqualTo("assistant");
		assertThat(pool.path("primary").asBoolean()).isTrue();
		assertThat(pool.path("type").asText()).isEqualTo("chat");
		assertThat(pool.has("dimensions")).isTrue();
		assertThat(pool.path("dimensions").isNull()).isTrue();
		assertThat(pool.path("routing").path("home").asText()).isEqualTo("first-healthy");
		assertThat(pool.path("routing").path("sessionIdleTimeout").asText()).isEqualTo("PT1H");
		assertThat(pool.path("routing").path("returnHomeAfter").isNull()).isTrue();
		assertThat(pool.path("routing").path("forwardCacheKey").asBoolean()).isTrue();
		assertThat(pool.path("switch").path("onQuota").asBoolean()).isTrue();
		assertThat(pool.path("switch").has("maxSwitchesPerSession")).isTrue();
		assertThat(pool.path("sessions").asLong()).isGreaterThanOrEqualTo(1);
		JsonNode gpt = pool.path("members").get(0);
		assertThat(gpt.path("id").asText()).isEqualTo("gpt");
		assertThat(gpt.path("chatModel").asText()).isEqualTo("openAiChatModel");
		assertThat(gpt.path("embeddingModel").isNull()).isTrue();
		assertThat(gpt.path("role").asText()).isEqualTo("member");
		assertThat(gpt.path("state").asText()).isEqualTo("CLOSED");
		assertThat(gpt.path("available").asBoolean()).isTrue();
		assertThat(gpt.path("circuitBreaker").asText()).isEqualTo("assistant-gpt");
		assertThat(gpt.path("activeSessions").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(gpt.path("homeSessions").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(gpt.path("calls").path("succeeded").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(gpt.has("lastFailure")).isTrue();
		assertThat(gpt.has("model")).isTrue();
		assertThat(gpt.path("model").isNull()).isTrue();
		List<String> fields = new ArrayList<>();
		gpt.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).as("every member field, null ones included").containsExactlyInAnyOrder("id", "chatModel",
				"embeddingModel", "model", "role", "weight", "contextWindow", "continuation", "timeouts", "state", "available",
				"circuitBreaker", "quarantinedUntil", "halfOpenAt", "activeSessions", "homeSessions", "calls",
				"lastFailure", "provider", "baseUrl", "holdOrigin", "heldBy", "tokens", "inflight", "budget");
		assertThat(gpt.path("inflight").asInt()).isZero();
		JsonNode budget = gpt.path("budget");
		assertThat(budget.path("account").asText()).isEqualTo("openAiChatModel");
		assertThat(budget.path("source").asText()).isEqualTo("declared");
		assertThat(budget.path("requestsLimit").asLong()).isEqualTo(10_000);
		assertThat(budget.path("requestsRemaining").asLong()).isBetween(1L, 9_999L);
		assertThat(budget.path("tokensLimit").isNull()).isTrue();
		assertThat(budget.path("heldFor").isNull()).isTrue();
		assertThat(budget.path("window").asText()).isEqualTo("PT1M");
		assertThat(pool.path("members").get(1).path("budget").path("source").asText()).isIn("none", "learned");
		assertThat(gpt.path("tokens").path("input").asLong()).isPositive();
		assertThat(gpt.path("tokens").path("output").asLong()).isPositive();
		assertThat(gpt.path("tokens").has("cached")).isTrue();
		assertThat(gpt.path("tokens").path("cacheHitRatio").isNumber()).isTrue();
		assertThat(pool.path("tokens").path("input").asLong()).isGreaterThanOrEqualTo(gpt.path("tokens").path("input").asLong());
		assertThat(gpt.path("continuation").asText()).isEqualTo("none");
		assertThat(gpt.path("timeouts").path("firstToken").asText()).isEqualTo("PT30S");
		assertThat(get("/actuator/modelpools/assistant").path("id").asText()).isEqualTo("assistant");
	}

	@Test
	void statesChangeAfterFailureBursts() throws Exception {
		simulator.member("gpt").failNext(Fault.status(429));
		chat("thread-q");
		JsonNode gpt = get("/actuator/modelpools/assistant").path("members").get(0);
		assertThat(gpt.path("lastFailure").path("kind").asText()).isEqualTo("QUOTA");
		assertThat(gpt.path("state").asText()).isEqualTo("CLOSED");
		simulator.member("claude").fail(Fault.status(500));
		for (int i = 0; i < 5; i++) {
			catchThrowable(() -> chat("thread-q"));
		}
		JsonNode claude = get("/actuator/modelpools/assistant").path("members").get(1);
		assertThat(claude.path("state").asText()).isEqualTo("OPEN");
		assertThat(claude.path("lastFailure").path("kind").asText()).isEqualTo("TRANSIENT");
		simulator.member("gpt").fail(Fault.status(401).withBody("{\"error\":\"Incorrect API key: sk-test-openai-0123456789\"}"));
		catchThrowable(() -> chat("thread-other"));
		gpt = get("/actuator/modelpools/assistant").path("members").get(0);
		assertThat(gpt.path("state").asText()).isEqualTo("QUARANTINED");
		assertThat(gpt.path("available").asBoolean()).isFalse();
		JsonNode health = json.readTree(this.rest.get().uri("/actuator/health").retrieve().body(String.class))
			.path("components")
			.path("modelPools");
		assertThat(health.path("status").asText()).isEqualTo("DOWN");
		assertThat(health.path("details").path("assistant").path("members").path("gpt").asText())
			.isEqualTo("QUARANTINED");
		assertNoSecretsAnywhere();
	}

	@Test
	void isolateMovesSessionsAndResetRestores() throws Exception {
		assertThat(chat("thread-i")).isEqualTo("gpt");
		ResponseEntity<String> isolated = post("/actuator/modelpools/assistant/gpt", Map.of("action", "isolate"));
		assertThat(isolated.getStatusCode().value()).isEqualTo(200);
		assertThat(json.readTree(isolated.getBody()).path("state").asText()).isEqualTo("FORCED_OPEN");
		assertThat(chat("thread-i")).isEqualTo("claude");
		assertThat(get("/actuator/health").path("components").path("modelPools").path("status").asText())
			.isEqualTo("DEGRADED");
		assertThat(get("/actuator/circuitbreakers").path("circuitBreakers").path("assistant-gpt").path("state")
			.asText()).isEqualTo("FORCED_OPEN");
		ResponseEntity<String> reset = post("/actuator/modelpools/assistant/gpt", Map.of("action", "reset"));
		assertThat(json.readTree(reset.getBody()).path("state").asText()).isEqualTo("CLOSED");
		assertThat(chat("thread-fresh")).isEqualTo("gpt");
		assertThat(get("/actuator/health").path("components").path("modelPools").path("status").asText())
			.isEqualTo("UP");
	}

	@Test
	void unknownPoolsAndMembersAre404AndUnknownActionsAre400() throws Exception {
		assertThat(this.rest.get().uri("/actuator/modelpools/nope").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(404);
		ResponseEntity<String> noPool = post("/actuator/modelpools/nope/gpt", Map.of("action", "reset"));
		assertThat(noPool.getStatusCode().value()).isEqualTo(404);
		assertThat(json.readTree(noPool.getBody()).path("error").asText()).isEqualTo("No pool 'nope'; pools: assistant");
		ResponseEntity<String> noMember = post("/actuator/modelpools/assistant/nope", Map.of("action", "reset"));
		assertThat(noMember.getStatusCode().value()).isEqualTo(404);
		assertThat(json.readTree(noMember.getBody()).path("error").asText())
			.isEqualTo("No member 'nope' in pool 'assistant'; members: gpt, claude");
		ResponseEntity<String> bad = post("/actuator/modelpools/assistant/gpt", Map.of("action", "reboot"));
		assertThat(bad.getStatusCode().value()).isEqualTo(400);
		assertThat(json.readTree(bad.getBody()).path("allowed").toString()).isEqualTo("[\"reset\",\"isolate\"]");
		assertThat(json.readTree(bad.getBody()).path("error").asText())
			.isEqualTo("Unknown action 'reboot'; allowed actions: reset, isolate");
		ResponseEntity<String> missing = post("/actuator/modelpools/assistant/gpt", Map.of());
		assertThat(missing.getStatusCode().value()).isEqualTo(400);
		assertThat(missing.getBody()).contains("action");
	}

	@Test
	void metricsIncludePoolMetersResilience4jMetersAndThePoolObservation() throws Exception {
		chat("thread-m");
		assertThat(get("/actuator/metrics/model.pool.calls?tag=pool:assistant&tag=outcome:success")
			.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
		assertThat(get("/actuator/metrics/model.pool.sessions?tag=pool:assistant").path("measurements").get(0)
			.path("value").asDouble()).isGreaterThanOrEqualTo(1);
		assertThat(get("/actuator/metrics/model.pool.member.available?tag=member:gpt").path("measurements").get(0)
			.path("value").asDouble()).isEqualTo(1);
		assertThat(get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:assistant-gpt&tag=state:closed")
			.path("measurements").get(0).path("value").asDouble()).isEqualTo(1);
		assertThat(get("/actuator/metrics/model.pool.operation?tag=model.pool.name:assistant").path("name").asText())
			.isEqualTo("model.pool.operation");
		assertThat(get("/actuator/metrics/gen_ai.client.operation").path("name").asText())
			.isEqualTo("gen_ai.client.operation");
	}

	private void assertNoSecretsAnywhere() {
		for (String path : List.of("/actuator/modelpools", "/actuator/modelpools/assistant", "/actuator/health",
				"/actuator/circuitbreakers", "/actuator/metrics/model.pool.calls")) {
			String body = this.rest.get().uri(path).retrieve().body(String.class);
			assertThat(body).as(path).doesNotContain(SECRETS);
		}
	}

	private String chat(String conversation) {
		return (String) this.chatClientBuilder.build()
			.prompt()
			.user("hi")
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
			.call()
			.chatResponse()
			.getMetadata()
			.get(ModelPool.MEMBER_METADATA_KEY);
	}

	private JsonNode get(String path) throws Exception {
		ResponseEntity<String> response = this.rest.get().uri(path).retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
		return json.readTree(response.getBody());
	}

	private ResponseEntity<String> post(String path, Map<String, String> body) {
		return this.rest.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(String.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
