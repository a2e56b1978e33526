package io.github.modelpool.demo;

import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PoolDemoApplicationTests {

	@DynamicPropertySource
	static void simulator(DynamicPropertyRegistry registry) {
		DemoTestSupport.register(registry);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ProviderSimulator simulator;

	@Autowired
	private ModelPool assistant;

	@Autowired
	private EmbeddingPool vectors;

	private RestClient rest;

	@BeforeEach
	void setUp() {
		DemoTestSupport.heal(this.simulator, this.assistant, this.vectors);
		this.rest = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void chatSticksToOneMemberPerConversationAndConversationsSpread() {
		Set<String> members = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			members.add(chat("sticky-1", "message " + i).get("member"));
		}
		assertThat(members).hasSize(1);
		Set<String> spread = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			spread.add(chat("conversation-" + i, "hello").get("member"));
		}
		assertThat(spread).as("claude is failover-only, never a home").containsExactlyInAnyOrder("gpt-a", "gpt-b");
	}

	@Test
	void injectedQuotaErrorOnTheHomeMemberFailsOverAndTheConversationStays() {
		String home = chat("failover-1", "first").get("member");
		assertThat(this.rest.put().uri("/demo/faults/" + home + "/quota").retrieve().toBodilessEntity()
			.getStatusCode().value()).isEqualTo(200);
		Map<String, String> reply = chat("failover-1", "second");
		assertThat(reply.get("member")).isNotEqualTo(home);
		assertThat(reply.get("text")).startsWith("[" + reply.get("member") + "] gpt-4o-mini here.");
		assertThat(chat("failover-1", "third").get("member")).isEqualTo(reply.get("member"));
		this.rest.delete().uri("/demo/faults/" + home).retrieve().toBodilessEntity();
		assertThat(this.simulator.member(home).standingFault()).isEqualTo(Fault.NONE);
	}

	@Test
	void streamedAnswerCompletesFromOneMember() {
		List<ServerSentEvent<Map<String, String>>> events = stream("stream-1", "tell me a story");
		assertThat(events).isNotEmpty();
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
		List<ServerSentEvent<Map<String, String>>> chunks = events.stream()
			.filter((event) -> "chunk".equals(event.event()))
			.toList();
		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(chunks.stream().map((event) -> event.data().get("member")).distinct()).hasSize(1);
		StringBuilder text = new StringBuilder();
		chunks.forEach((event) -> text.append(event.data().get("text")));
		assertThat(text.toString()).contains("You asked: \"tell me a story\"");
	}

	@Test
	void operatorViewAndSwitchLogAreServed() {
		String home = chat("ops-1", "first").get("member");
		this.rest.put().uri("/demo/faults/" + home + "/unauthorized").retrieve().toBodilessEntity();
		chat("ops-1", "second");
		String pools = this.rest.get().uri("/actuator/modelpools/assistant").retrieve().body(String.class);
		assertThat(pools).contains("\"QUARANTINED\"").doesNotContain("simulated-key");
		String switches = this.rest.get().uri("/demo/switches").retrieve().body(String.class);
		assertThat(switches).contains("\"from\":\"" + home + "\"").contains("\"reason\":\"permanent\"");
		this.rest.post()
			.uri("/actuator/modelpools/assistant/" + home)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("action", "reset"))
			.retrieve()
			.toBodilessEntity();
	}

	@Test
	void theReadmesFaultWalkThroughDoesWhatItSays() {
		assertThat(chat("thread-42", "Hello!").get("member")).as("thread-42's home").isEqualTo("gpt-b");
		List<ServerSentEvent<Map<String, String>>> more = stream("thread-42", "Tell me more");
		assertThat(more.get(more.size() - 1).event()).isEqualTo("done");
		long switches = this.assistant.snapshot().switches();
		assertThat(this.rest.put().uri("/demo/faults/gpt-b/quota").retrieve().toBodilessEntity()
			.getStatusCode().value()).isEqualTo(200);
		assertThat(chat("thread-42", "Still there?").get("member")).isEqualTo("gpt-a");
		assertThat(this.assistant.snapshot().switches()).isEqualTo(switches + 1);
		assertThat(this.rest.delete().uri("/demo/faults/gpt-b").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(200);
	}

	@Test
	void aStreamCutAfterItsFirstChunksIsFinishedByClaudeInTheSameStream() {
		String home = chat("cut-1", "first").get("member");
		this.rest.put().uri("/demo/faults/" + home + "/cut").retrieve().toBodilessEntity();
		List<ServerSentEvent<Map<String, String>>> events = stream("cut-1", "tell me more");
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
		List<ServerSentEvent<Map<String, String>>> chunks = events.stream()
			.filter((event) -> "chunk".equals(event.event()))
			.toList();
		assertThat(chunks.stream().map((event) -> event.data().get("member")).distinct()).containsExactly(home,
				"claude");
		StringBuilder text = new StringBuilder();
		chunks.forEach((event) -> text.append(event.data().get("text")));
		assertThat(text.toString()).as("one answer, the home member's, continued")
			.startsWith("[" + home + "] gpt-4o-mini here. You asked: \"tell me more\".")
			.doesNotContain("[claude]");
		String prefill = this.simulator.member("claude").requests().get(0).trailingAssistantText();
		assertThat(text.toString()).startsWith(prefill);
	}

	@Test
	void aStreamCutWhenNoMemberCanContinueEndsWithAnErrorEventSayingTheAnswerIsIncomplete() {
		String home = chat("cut-2", "first").get("member");
		this.rest.put().uri("/demo/faults/" + home + "/cut").retrieve().toBodilessEntity();
		this.rest.put().uri("/demo/faults/claude/reject-prefill").retrieve().toBodilessEntity();
		List<ServerSentEvent<Map<String, String>>> events = stream("cut-2", "tell me more");
		assertThat(events.stream().map(ServerSentEvent::event)).contains("chunk");
		ServerSentEvent<Map<String, String>> last = events.get(events.size() - 1);
		assertThat(last.event()).isEqualTo("error");
		assertThat(last.data()).as("the home member's own failure, not claude's refusal")
			.containsEntry("member", home)
			.containsEntry("incomplete", "true")
			.containsEntry("kind", "transient");
		assertThat(last.data().get("message")).startsWith("The answer is incomplete: the stream from " + home);
	}

	@Test
	void aPromptTooLongForTheHomeMemberIsAnsweredByTheLargerWindowAndTheConversationStays() {
		String home = chat("long-1", "first").get("member");
		this.rest.put().uri("/demo/faults/" + home + "/context-length").retrieve().toBodilessEntity();
		assertThat(chat("long-1", "a very long question").get("member")).isEqualTo("claude");
		this.rest.delete().uri("/demo/faults/" + home).retrieve().toBodilessEntity();
		assertThat(chat("long-1", "a short one").get("member")).isEqualTo(home);
		assertThat(this.assistant.getMember(home).orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.as("no blame on the home member").isZero();
	}

	@Test
	void aPoolThatCannotAnswerSaysWhyInAProblemDetail() throws Exception {
		this.assistant.getMembers().forEach(PoolMember::isolate);
		ResponseEntity<String> unavailable = this.rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", "down-1", "message", "hi"))
			.retrieve()
			.toEntity(String.class);
		assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
		assertThat(unavailable.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(unavailable.getBody()).contains("\"pool\":\"assistant\"")
			.contains("gpt-a")
			.contains("not permitted (FORCED_OPEN)");
		this.assistant.getMembers().forEach(PoolMember::reset);
		for (String member : List.of("gpt-a", "gpt-b", "claude")) {
			this.simulator.member(member).fail(Fault.status(429).withRetryAfter("60"));
		}
		ResponseEntity<String> limited = this.rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", "limited-1", "message", "hi"))
			.retrieve()
			.toEntity(String.class);
		assertThat(limited.getStatusCode().value()).isEqualTo(429);
		assertThat(limited.getHeaders().getFirst("Retry-After")).isEqualTo("60");
		assertThat(limited.getBody()).contains("QUOTA");
		// Each account is now held for its Retry-After: the next call asks no provider.
		int requests = this.simulator.members().stream().mapToInt((member) -> member.requestCount()).sum();
		ResponseEntity<String> held = this.rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", "limited-2", "message", "hi"))
			.retrieve()
			.toEntity(String.class);
		assertThat(held.getStatusCode().value()).isEqualTo(429);
		assertThat(Integer.parseInt(held.getHeaders().getFirst("Retry-After"))).isBetween(55, 60);
		assertThat(held.getBody()).contains("rate budget spent");
		assertThat(this.simulator.members().stream().mapToInt((member) -> member.requestCount()).sum())
			.isEqualTo(requests);
	}

	@Test
	void theEmbedBoxIsAnsweredByTheEmbeddingPoolWhichFailsOverWhole() {
		Map<String, Object> reply = embed("a text to embed");
		assertThat(reply.get("member")).isIn("embed-a", "embed-b");
		assertThat(reply.get("dimensions")).isEqualTo(256);
		assertThat(reply.get("model")).isEqualTo("text-embedding-3-small");
		String first = (String) reply.get("member");
		this.rest.put().uri("/demo/faults/" + first + "/quota").retrieve().toBodilessEntity();
		for (int i = 0; i < 5; i++) {
			assertThat(embed("text " + i).get("member")).isNotEqualTo(first);
		}
		// Its breaker may have opened on the 429s: reset, so only rate limits stop the next call.
		this.vectors.getMembers().forEach(PoolMember::reset);
		this.simulator.member("embed-a").fail(Fault.status(429).withRetryAfter("60"));
		this.simulator.member("embed-b").fail(Fault.status(429).withRetryAfter("60"));
		ResponseEntity<String> limited = this.rest.post()
			.uri("/embed")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", "no room"))
			.retrieve()
			.toEntity(String.class);
		assertThat(limited.getStatusCode().value()).isEqualTo(429);
		assertThat(limited.getHeaders().getFirst("Retry-After")).isEqualTo("60");
		assertThat(limited.getBody()).contains("\"pool\":\"vectors\"");
		Map<String, Object> pool = this.rest.get()
			.uri("/actuator/modelpools/vectors")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(pool).containsEntry("type", "embedding").containsEntry("dimensions", 256);
	}

	private Map<String, Object> embed(String text) {
		return this.rest.post()
			.uri("/embed")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", text))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
	}

	@Test
	void theDemoRunsOnTheBoot4StartersLineAlone() throws Exception {
		List<String> starters = new ArrayList<>();
		Enumeration<URL> markers = getClass().getClassLoader().getResources("META-INF/model-pool/starter.properties");
		while (markers.hasMoreElements()) {
			Properties marker = new Properties();
			try (InputStream in = markers.nextElement().openStream()) {
				marker.load(in);
			}
			starters.add(marker.getProperty("starter"));
		}
		assertThat(starters).containsExactly("io.github.modelpool:pool-spring-boot4-starter");
	}

	@Test
	void faultsOfUnknownMembersOrKindsAreRefusedSayingWhatExists() {
		ResponseEntity<String> nobody = this.rest.put().uri("/demo/faults/nobody/quota").retrieve().toEntity(String.class);
		assertThat(nobody.getStatusCode().value()).isEqualTo(404);
		assertThat(nobody.getBody()).contains("No member 'nobody'; members: claude, embed-a, embed-b, gpt-a, gpt-b");
		ResponseEntity<String> bogus = this.rest.put().uri("/demo/faults/gpt-a/bogus").retrieve().toEntity(String.class);
		assertThat(bogus.getStatusCode().value()).isEqualTo(400);
		assertThat(bogus.getBody()).contains("Unknown fault 'bogus'; faults: quota, quota-short, unauthorized");
		assertThat(this.simulator.members()).noneSatisfy((member) -> assertThat(member.id()).isEqualTo("nobody"));
	}

	private List<ServerSentEvent<Map<String, String>>> stream(String conversationId, String message) {
		return WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri((uri) -> uri.path("/chat/stream")
				.queryParam("conversationId", conversationId)
				.queryParam("message", message)
				.build())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {
			})
			.collectList()
			.block(Duration.ofSeconds(20));
	}

	private Map<String, String> chat(String conversationId, String message) {
		return this.rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", conversationId, "message", message))
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, String>>() {
			});
	}

}
