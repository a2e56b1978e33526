package io.github.modelpool.provider;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Gemini API accounts declared under {@code model-pool.models} as
 * {@code provider: google-genai}, pooled from properties alone, against the simulator:
 * each sends its own key and model, makes one attempt per call (the Gen AI SDK's own
 * retries are off), and a rate-limited account hands its conversations to the other,
 * blocking and streamed.
 */
@SpringBootTest(properties = { "spring.ai.model.chat=none", "spring.ai.model.embedding=none",
		"spring.ai.model.image=none", "spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
		"spring.ai.model.moderation=none", "model-pool.models.gemini-a.provider=google-genai",
		"model-pool.models.gemini-a.api-key=AIza-account-a-0123456789", "model-pool.models.gemini-a.model=gemini-2.0-flash",
		"model-pool.models.gemini-a.options.temperature=0.3", "model-pool.models.gemini-b.provider=google-genai",
		"model-pool.models.gemini-b.api-key=AIza-account-b-0123456789", "model-pool.models.gemini-b.model=gemini-2.0-flash",
		"model-pool.pools.gemini.members[0].chat-model=gemini-a", "model-pool.pools.gemini.members[1].chat-model=gemini-b",
		"model-pool.pools.gemini.routing.home=first-healthy" })
class DeclaredGeminiModelsTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@DynamicPropertySource
	static void providerUrls(DynamicPropertyRegistry registry) {
		registry.add("model-pool.models.gemini-a.base-url", () -> simulator.baseUrl("gemini-a"));
		registry.add("model-pool.models.gemini-b.base-url", () -> simulator.baseUrl("gemini-b"));
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ModelPool gemini;

	@BeforeEach
	void heal() {
		this.gemini.getMembers().forEach((member) -> member.reset());
	}

	@Test
	void declaredModelsAreGeminiModelsSendingTheirOwnKeyModelAndOptions() {
		assertThat(this.context.getBean("gemini-a")).isInstanceOf(GoogleGenAiChatModel.class);
		assertThat(text(call("keys"))).isEqualTo("[gemini-a] You said: hello");
		RecordedRequest toA = simulator.member("gemini-a").requests().get(0);
		assertThat(toA.apiKey()).isEqualTo("AIza-account-a-0123456789");
		assertThat(toA.model()).isEqualTo("gemini-2.0-flash");
		assertThat(toA.body().path("generationConfig").path("temperature").asDouble()).isEqualTo(0.3);
		simulator.member("gemini-a").fail(Fault.status(429));
		call("keys-2");
		assertThat(simulator.member("gemini-b").requests().get(0).apiKey()).isEqualTo("AIza-account-b-0123456789");
	}

	@Test
	void aRateLimitedAccountIsAskedOnceAndItsConversationMovesToTheOtherAccount() {
		simulator.member("gemini-a").fail(Fault.status(429));
		assertThat(text(call("moves"))).isEqualTo("[gemini-b] You said: hello");
		assertThat(simulator.member("gemini-a").requestCount()).as("one attempt: the SDK's retries are off")
			.isEqualTo(1);
		assertThat(text(call("moves"))).isEqualTo("[gemini-b] You said: hello");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
	}

	@Test
	void aStreamFailsOverBeforeItsFirstChunk() {
		simulator.member("gemini-a").fail(Fault.status(503));
		List<ChatResponse> chunks = this.gemini.stream(new Prompt("hello"))
			.contextWrite(ModelPoolContext.conversation("streamed"))
			.collectList()
			.block(Duration.ofSeconds(20));
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> text.append(chunk.getResult().getOutput().getText()));
		assertThat(text).hasToString("[gemini-b] You said: hello");
		assertThat(simulator.member("gemini-a").requestCount()).isEqualTo(1);
	}

	private ChatResponse call(String conversation) {
		return ModelPoolContext.withConversation(conversation, () -> this.gemini.call(new Prompt("hello")));
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
