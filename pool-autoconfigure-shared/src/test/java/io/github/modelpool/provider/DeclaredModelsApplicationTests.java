package io.github.modelpool.provider;

import java.util.List;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.simulator.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application configured from properties alone: two OpenAI "accounts" and one
 * Anthropic model declared under {@code model-pool.models}, pooled, against simulated
 * providers. Spring AI's own provider auto-configuration is off.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.model.chat=none", "spring.ai.model.embedding=none", "spring.ai.model.image=none",
				"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
				"spring.ai.model.moderation=none", "model-pool.models.openai-a.provider=openai",
				"model-pool.models.openai-a.api-key=sk-account-a-0123456789",
				"model-pool.models.openai-a.model=gpt-4o-mini",
				"model-pool.models.openai-a.connect-timeout=5s", "model-pool.models.openai-a.read-timeout=30s",
				"model-pool.models.openai-a.options.temperature=0.2",
				"model-pool.models.openai-b.provider=openai", "model-pool.models.openai-b.api-key=${ACCOUNT_B_KEY}",
				"model-pool.models.openai-b.model=gpt-4o-mini", "model-pool.models.claude.provider=anthropic",
				"model-pool.models.claude.api-key=sk-ant-claude-0123456789",
				"model-pool.models.claude.model=claude-3-5-haiku-latest",
				"model-pool.models.claude.max-attempts=1", "ACCOUNT_B_KEY=sk-account-b-0123456789",
				"model-pool.pools.assistant.members[0].chat-model=openai-a",
				"model-pool.pools.assistant.members[1].chat-model=openai-b",
				"model-pool.pools.assistant.members[2].chat-model=claude",
				"model-pool.pools.assistant.members[2].role=failover-only",
				"model-pool.pools.assistant.routing.home=first-healthy",
				"model-pool.pools.assistant.switch.on-permanent=true",
				"management.endpoints.web.exposure.include=*", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always",
				"management.endpoint.health.show-details=always" })
class DeclaredModelsApplicationTests {

	private static final List<String> SECRETS = List.of("sk-account-a-0123456789", "sk-account-b-0123456789",
			"sk-ant-claude-0123456789", "0123456789");

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@DynamicPropertySource
	static void providerUrls(DynamicPropertyRegistry registry) {
		registry.add("model-pool.models.openai-a.base-url",
				() -> ProviderModels.openAiBaseUrl(simulator.baseUrl("openai-a")));
		registry.add("model-pool.models.openai-b.base-url",
				() -> ProviderModels.openAiBaseUrl(simulator.baseUrl("openai-b")));
		registry.add("model-pool.models.claude.base-url", () -> simulator.baseUrl("claude"));
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ModelPool assistant;

	@LocalServerPort
	private int port;

	@BeforeEach
	void heal() {
		this.assistant.getMembers().forEach((member) -> member.reset());
	}

	@Test
	void declaredModelsAreChatModelBeansNamedByTheirIdsAndNeverPrimary() {
		assertThat(this.context.getBean("openai-a")).isInstanceOf(OpenAiChatModel.class);
		assertThat(this.context.getBean("openai-b")).isInstanceOf(OpenAiChatModel.class);
		assertThat(this.context.getBean("claude")).isInstanceOf(AnthropicChatModel.class);
		assertThat(this.context.getBean(ChatModel.class)).isSameAs(this.assistant);
		assertThat(this.context.getBeanNamesForType(OpenAiChatModel.class)).containsExactlyInAnyOrder("openai-a",
				"openai-b");
	}

	@Test
	void eachProviderReceivesItsOwnKeyModelAndOptions() {
		assertThat(served(call("thread-keys"))).isEqualTo("openai-a");
		RecordedRequest toA = simulator.member("openai-a").requests().get(0);
		assertThat(toA.apiKey()).isEqualTo("sk-account-a-0123456789");
		assertThat(toA.model()).isEqualTo("gpt-4o-mini");
		assertThat(toA.body().path("temperature").asDouble()).isEqualTo(0.2);
		simulator.member("openai-a").fail(Fault.status(429));
		call("thread-keys-2");
		assertThat(simulator.member("openai-b").requests().get(0).apiKey()).isEqualTo("sk-account-b-0123456789");
		simulator.member("openai-b").fail(Fault.status(429));
		call("thread-keys-3");
		RecordedRequest toClaude = simulator.member("claude").requests().get(0);
		assertThat(toClaude.apiKey()).isEqualTo("sk-ant-claude-0123456789");
		assertThat(toClaude.model()).isEqualTo("claude-3-5-haiku-latest");
	}

	@Test
	void accountAQuotaFailsOverToAccountB() {
		assertThat(served(call("thread-ab"))).isEqualTo("openai-a");
		simulator.member("openai-a").fail(Fault.status(429));
		assertThat(served(call("thread-ab"))).isEqualTo("openai-b");
		assertThat(served(call("thread-ab"))).isEqualTo("openai-b");
	}

	@Test
	void bothAccountsDownFailOverToAnthropic() {
		simulator.member("openai-a").fail(Fault.status(429));
		simulator.member("openai-b").fail(Fault.status(401).withBody("{\"error\":\"Incorrect API key provided: sk-account-b-0123456789\"}"));
		ChatResponse response = call("thread-down");
		assertThat(served(response)).isEqualTo("claude");
		assertThat(response.getResult().getOutput().getText()).isEqualTo("[claude] You said: hi");
	}

	@Test
	void endpointShowsProviderAndBaseUrlOfDeclaredMembers() throws Exception {
		JsonNode members = get("/actuator/modelpools/assistant").path("members");
		assertThat(members.get(0).path("provider").asText()).isEqualTo("openai");
		assertThat(members.get(0).path("baseUrl").asText()).isEqualTo(ProviderModels.openAiBaseUrl(simulator.baseUrl("openai-a")));
		assertThat(members.get(2).path("provider").asText()).isEqualTo("anthropic");
	}

	@Test
	void keysNeverAppearInLogsOrActuatorEndpoints(CapturedOutput output) throws Exception {
		simulator.member("openai-a").failNext(Fault.status(401).withBody("{\"error\":\"Incorrect API key provided: sk-account-a-0123456789\"}"));
		call("thread-secret");
		for (String path : List.of("/actuator/modelpools", "/actuator/configprops", "/actuator/env",
				"/actuator/env/model-pool.models.openai-a.api-key", "/actuator/env/ACCOUNT_B_KEY", "/actuator/health",
				"/actuator/beans", "/actuator/circuitbreakers")) {
			String body = rest().get().uri(path).retrieve().body(String.class);
			assertThat(body).as(path).isNotBlank().doesNotContain(SECRETS);
		}
		JsonNode configprops = get("/actuator/configprops");
		assertThat(configprops.toString()).contains("gpt-4o-mini").contains("******");
		assertThat(output.getAll()).doesNotContain(SECRETS);
	}

	private ChatResponse call(String conversation) {
		return ModelPoolContext.withConversation(conversation, () -> this.assistant.call(new Prompt("hi")));
	}

	private static String served(ChatResponse response) {
		return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

	private RestClient rest() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private JsonNode get(String path) throws Exception {
		return new ObjectMapper().readTree(rest().get().uri(path).retrieve().body(String.class));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}


}
