package io.github.modelpool.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.BootLineTestSupport;
import io.github.modelpool.support.ProviderErrors;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A whole application: Spring AI's auto-configured OpenAI and Anthropic models talking
 * to simulated providers, one pool over both from properties, and the auto-configured
 * {@code ChatClient.Builder}.
 */
@SpringBootTest(properties = { "spring.ai.retry.max-attempts=1", "spring.ai.openai.max-retries=0", "spring.ai.anthropic.max-retries=0", "spring.ai.openai.api-key=test-openai-key",
		"spring.ai.openai.chat.options.model=gpt-4o-mini", "spring.ai.anthropic.api-key=test-anthropic-key",
		"spring.ai.anthropic.chat.options.model=claude-3-5-haiku-latest",
		"model-pool.pools.assistant.members[0].id=gpt",
		"model-pool.pools.assistant.members[0].chat-model=openAiChatModel",
		"model-pool.pools.assistant.members[1].id=claude",
		"model-pool.pools.assistant.members[1].chat-model=anthropicChatModel",
		"model-pool.pools.assistant.switch.quota-retry-after-threshold=2s",
		"model-pool.pools.assistant.switch.on-transient=false" })
class ModelPoolApplicationTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@DynamicPropertySource
	static void providerUrls(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", () -> ProviderModels.openAiBaseUrl(simulator.baseUrl("gpt")));
		registry.add("spring.ai.anthropic.base-url", () -> simulator.baseUrl("claude"));
	}

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	@Qualifier("assistant")
	private ChatModel assistant;

	@Autowired
	private CircuitBreakerRegistry circuitBreakerRegistry;

	@Autowired
	private ChatMemory chatMemory;

	@BeforeEach
	void heal() {
		((ModelPool) this.assistant).getMembers().forEach((member) -> member.reset());
	}

	@Test
	void chatClientCallsOfAConversationStickToOneMember() {
		ChatClient chatClient = this.chatClientBuilder.build();
		Set<String> served = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			served.add(servedBy(ask(chatClient, "thread-42", "message " + i)));
		}
		assertThat(served).hasSize(1);
		Set<String> spread = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			spread.add(servedBy(ask(chatClient, "conversation-" + i, "hello")));
		}
		assertThat(spread).containsExactlyInAnyOrder("gpt", "claude");
	}

	@Test
	void quotaFailsOverThroughChatClientAndTheConversationStaysThere() {
		ChatClient chatClient = this.chatClientBuilder.build();
		String home = servedBy(ask(chatClient, "thread-quota", "first"));
		String other = home.equals("gpt") ? "claude" : "gpt";
		simulator.member(home).failNext(Fault.status(429));
		ChatResponse response = ask(chatClient, "thread-quota", "second");
		assertThat(servedBy(response)).isEqualTo(other);
		assertThat(response.getResult().getOutput().getText()).isEqualTo("[" + other + "] You said: second");
		assertThat(servedBy(ask(chatClient, "thread-quota", "third"))).isEqualTo(other);
	}

	@Test
	void blockingRetryAfterWithinTheThresholdIsWaitedOutAndAboveItSwitches() {
		ChatClient chatClient = this.chatClientBuilder.build();
		String home = servedBy(ask(chatClient, "thread-retry-after", "first"));
		simulator.member(home).failNext(Fault.status(429).withRetryAfter("1"));
		assertThat(servedBy(ask(chatClient, "thread-retry-after", "short wait"))).isEqualTo(home);
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
		simulator.member(home).failNext(Fault.status(429).withRetryAfter("120"));
		assertThat(servedBy(ask(chatClient, "thread-retry-after", "long wait"))).isNotEqualTo(home);
	}

	@Test
	void serverErrorsAreRetriedByThePoolAloneAndReachTheCallerAsSpringAiExceptionsWhenCallFailoverIsOff() {
		ChatClient chatClient = this.chatClientBuilder.build();
		String home = servedBy(ask(chatClient, "thread-500", "first"));
		simulator.member(home).fail(Fault.status(500));
		assertThatThrownBy(() -> ask(chatClient, "thread-500", "x"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 500));
		assertThat(simulator.member(home).requestCount())
			.as("the pool's two tries: Spring AI's own retries are off").isEqualTo(3);
	}

	@Test
	void foreignModelOptionNeverReachesTheOtherProvider() {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (int i = 0; i < 10; i++) {
			String conversation = "model-" + i;
			BootLineTestSupport.withOpenAiOptions(chatClient.prompt().user("hi"), "gpt-4o", 0.5)
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
				.call()
				.chatResponse();
		}
		assertThat(simulator.member("claude").requests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.model()).isEqualTo("claude-3-5-haiku-latest"));
		assertThat(simulator.member("gpt").requests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.model()).isEqualTo("gpt-4o-mini"));
	}

	@Test
	void streamingThroughChatClientWithChatMemoryStaysStickyAcrossThreadHops() {
		ChatClient chatClient = this.chatClientBuilder
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(this.chatMemory).build())
			.build();
		Set<String> served = new HashSet<>();
		for (int i = 0; i < 6; i++) {
			served.addAll(streamMembers(chatClient, "thread-stream", "message " + i));
		}
		assertThat(served).hasSize(1);
		assertThat(this.chatMemory.get("thread-stream")).hasSize(12);
		Set<String> spread = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			spread.addAll(streamMembers(chatClient, "stream-conversation-" + i, "hello"));
		}
		assertThat(spread).containsExactlyInAnyOrder("gpt", "claude");
	}

	@Test
	void quotaAtStreamOpenFailsOverThroughChatClient() {
		ChatClient chatClient = this.chatClientBuilder
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(this.chatMemory).build())
			.build();
		String home = streamMembers(chatClient, "thread-stream-quota", "first").get(0);
		simulator.member(home).failNext(Fault.status(429));
		List<String> members = streamMembers(chatClient, "thread-stream-quota", "second");
		assertThat(members).hasSize(1).doesNotContain(home);
		String text = chatClient.prompt()
			.user("third")
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "thread-stream-quota"))
			.stream()
			.content()
			.collectList()
			.map((parts) -> String.join("", parts))
			.block(Duration.ofSeconds(20));
		assertThat(text).isEqualTo("[" + members.get(0) + "] You said: third");
	}

	@Test
	void memberBreakersLiveInResilience4jsRegistry() {
		assertThat(this.circuitBreakerRegistry.find("assistant-gpt")).isPresent();
		assertThat(this.circuitBreakerRegistry.find("assistant-claude")).isPresent();
	}

	private static List<String> streamMembers(ChatClient chatClient, String conversation, String text) {
		return chatClient.prompt()
			.user(text)
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
			.stream()
			.chatResponse()
			.map(ModelPoolApplicationTests::servedBy)
			.distinct()
			.collectList()
			.block(Duration.ofSeconds(20));
	}

	private static ChatResponse ask(ChatClient chatClient, String conversation, String text) {
		return chatClient.prompt()
			.user(text)
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
			.call()
			.chatResponse();
	}

	private static String servedBy(ChatResponse response) {
		return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
