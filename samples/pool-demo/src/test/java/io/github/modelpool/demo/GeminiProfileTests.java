package io.github.modelpool.demo;

import java.util.Map;

import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's {@code gemini} profile puts a Gemini member, served by the simulator's
 * Gemini API, into the pool, with no key and no code change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("gemini")
@DirtiesContext
class GeminiProfileTests {

	@DynamicPropertySource
	static void simulator(DynamicPropertyRegistry registry) {
		DemoTestSupport.register(registry);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ProviderSimulator simulator;

	@Autowired
	private ModelPool assistant;

	private RestClient rest;

	@BeforeEach
	void setUp() {
		DemoTestSupport.heal(this.simulator, this.assistant);
		this.rest = RestClient.create("http://127.0.0.1:" + this.port);
	}

	@Test
	void theGeminiMemberJoinsThePoolAndAnswersOverTheGeminiApi() {
		assertThat(this.context.getBean("gemini")).isInstanceOf(GoogleGenAiChatModel.class);
		assertThat(this.assistant.getMembers()).extracting(PoolMember::id)
			.containsExactly("gpt-a", "gpt-b", "gemini", "claude");
		this.simulator.member("gpt-a").fail(Fault.status(429).withRetryAfter("60"));
		this.simulator.member("gpt-b").fail(Fault.status(429).withRetryAfter("60"));
		Map<String, String> answer = this.rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", "gemini-1", "message", "hello"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(answer.get("member")).isEqualTo("gemini");
		assertThat(answer.get("text")).startsWith("[gemini] gemini-2.0-flash here.");
		assertThat(this.simulator.member("gemini").requests()).last()
			.satisfies((request) -> assertThat(request.apiKey()).isEqualTo("simulated-key-g"));
	}

}
