package io.github.modelpool.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.modelpool.simulator.ProviderSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoolDemoApplicationTests {

	@DynamicPropertySource
	static void simulatorPort(DynamicPropertyRegistry registry) {
		int port = freePort();
		registry.add("demo.simulator.port", () -> port);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ProviderSimulator simulator;

	private RestClient rest;

	@BeforeEach
	void setUp() {
		this.simulator.reset();
		this.rest = RestClient.create("http://127.0.0.1:" + this.port);
	}

	@Test
	void chatSticksToOneMemberPerConversation() {
		Set<String> members = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			members.add(chat("sticky-1", "message " + i).get("member"));
		}
		assertThat(members).hasSize(1);
		Set<String> spread = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			spread.add(chat("conversation-" + i, "hello").get("member"));
		}
		assertThat(spread).containsExactlyInAnyOrder("gpt", "claude");
	}

	@Test
	void injectedQuotaErrorOnTheHomeMemberFailsOver() {
		String home = chat("failover-1", "first").get("member");
		String other = home.equals("gpt") ? "claude" : "gpt";
		this.rest.put()
			.uri("http://127.0.0.1:" + this.simulator.port() + "/_simulator/members/" + home + "/fault")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", 429))
			.retrieve()
			.toBodilessEntity();
		Map<String, String> reply = chat("failover-1", "second");
		assertThat(reply.get("member")).isEqualTo(other);
		assertThat(reply.get("text")).startsWith("[" + other + "] You said:");
	}

	@Test
	void streamedAnswerCompletes() {
		List<ServerSentEvent<Map<String, String>>> events = WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri((uri) -> uri.path("/chat/stream")
				.queryParam("conversationId", "stream-1")
				.queryParam("message", "tell me a story")
				.build())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {
			})
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).isNotEmpty();
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
		StringBuilder text = new StringBuilder();
		events.stream().filter((event) -> "chunk".equals(event.event())).forEach((event) -> text.append(event.data().get("text")));
		assertThat(text.toString()).endsWith("You said: tell me a story");
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> chat(String conversationId, String message) {
		return this.rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", conversationId, "message", message))
			.retrieve()
			.body(Map.class);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
