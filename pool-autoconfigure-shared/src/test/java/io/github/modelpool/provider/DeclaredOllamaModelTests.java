package io.github.modelpool.provider;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.autoconfigure.ModelPoolAutoConfiguration;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared Ollama models, real Spring AI Ollama models talking HTTP to a simulated
 * Ollama API, pooled.
 */
class DeclaredOllamaModelTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withPropertyValues("model-pool.models.local-a.provider=ollama", "model-pool.models.local-a.model=llama3",
				"model-pool.models.local-a.base-url=" + simulator.baseUrl("local-a"),
				"model-pool.models.local-a.read-timeout=10s", "model-pool.models.local-a.max-attempts=1",
				"model-pool.models.local-b.provider=ollama", "model-pool.models.local-b.model=qwen3",
				"model-pool.models.local-b.base-url=" + simulator.baseUrl("local-b"),
				"model-pool.pools.local.members[0].chat-model=local-a",
				"model-pool.pools.local.members[1].chat-model=local-b",
				"model-pool.pools.local.routing.home=first-healthy");

	@Test
	void blockingAndStreamedAnswersComeFromTheDeclaredModel() {
		this.runner.run((context) -> {
			ChatModel pool = context.getBean("local", ChatModel.class);
			ChatResponse answer = ModelPoolContext.withConversation("thread-1", () -> pool.call(new Prompt("hello")));
			assertThat(answer.getResult().getOutput().getText()).isEqualTo("[local-a] You said: hello");
			List<ChatResponse> chunks = pool.stream(new Prompt("stream please"))
				.contextWrite(ModelPoolContext.conversation("thread-1"))
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(chunks).isNotEmpty();
			assertThat(String.join("", chunks.stream()
				.map((chunk) -> (chunk.getResult() != null) ? chunk.getResult().getOutput().getText() : "")
				.map((text) -> (text != null) ? text : "")
				.toList())).isEqualTo("[local-a] You said: stream please");
			assertThat(simulator.member("local-a").requests()).hasSize(2)
				.allSatisfy((request) -> assertThat(request.model()).isEqualTo("llama3"));
		});
	}

	@Test
	void quotaErrorOfADeclaredOllamaModelFailsOverToTheNextMember() {
		this.runner.run((context) -> {
			ModelPool pool = context.getBean("local", ModelPool.class);
			simulator.member("local-a").failNext(Fault.status(429));
			ChatResponse answer = ModelPoolContext.withConversation("thread-2", () -> pool.call(new Prompt("hi")));
			assertThat(answer.getResult().getOutput().getText()).isEqualTo("[local-b] You said: hi");
			assertThat(simulator.member("local-a").requestCount()).as("quota is never retried").isEqualTo(1);
		});
	}

}
