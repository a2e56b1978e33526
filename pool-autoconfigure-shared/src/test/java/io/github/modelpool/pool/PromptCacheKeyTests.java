package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.context.ModelPoolRoutingAdvisor;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.member.PromptCacheKeys;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call with a conversation id gives members whose Spring AI options carry a
 * prompt-cache key (OpenAI's) a key made from the id, so the provider routes the
 * conversation's requests to its warm cache; the id itself never reaches the provider,
 * and a key the caller set wins. Real models of each line over HTTP to the simulator.
 */
class PromptCacheKeyTests {

	private static final String KEY = "prompt_cache_key";

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void aChatClientConversationGivesAnOpenAiMemberTheHashOfItsId() {
		ChatClient chatClient = ChatClient.builder(pool("a", RoutingPolicy.DEFAULTS))
			.defaultAdvisors(new ModelPoolRoutingAdvisor())
			.build();
		for (String conversation : List.of("conversation-1", "conversation-1", "conversation-2")) {
			chatClient.prompt()
				.user("hello")
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
				.call()
				.content();
		}
		List<RecordedRequest> requests = simulator.member("a").requests();
		assertThat(requests).extracting(PromptCacheKeyTests::cacheKey)
			.containsExactly(PromptCacheKeys.of("conversation-1"), PromptCacheKeys.of("conversation-1"),
					PromptCacheKeys.of("conversation-2"));
		assertThat(PromptCacheKeys.of("conversation-1")).hasSize(32).isNotEqualTo(PromptCacheKeys.of("conversation-2"));
		assertThat(requests).allSatisfy((request) -> assertThat(request.body().toString()).doesNotContain("conversation-"));
	}

	@Test
	void theKeyTravelsWithWhatTheCallAsksAndInStreams() {
		ModelPool pool = pool("a", RoutingPolicy.DEFAULTS);
		ModelPoolContext.withConversation("thread-7",
				() -> pool.call(new Prompt("hi", ChatOptions.builder().temperature(0.3).build())));
		ModelPoolContext.withConversation("thread-7", () -> pool.stream(new Prompt("hi")).collectList().block());
		List<RecordedRequest> requests = simulator.member("a").requests();
		assertThat(requests).extracting(PromptCacheKeyTests::cacheKey)
			.containsOnly(PromptCacheKeys.of("thread-7"))
			.hasSize(2);
		assertThat(requests.get(0).body().path("temperature").asDouble()).isEqualTo(0.3);
		assertThat(requests.get(1).stream()).isTrue();
	}

	@Test
	void aKeyTheCallSetsIsKept() {
		ModelPool pool = pool("a", RoutingPolicy.DEFAULTS);
		ModelPoolContext.withConversation("thread-8",
				() -> pool.call(new Prompt("hi", OpenAiChatOptions.builder().promptCacheKey("callers-own").build())));
		assertThat(cacheKey(simulator.member("a").requests().get(0))).isEqualTo("callers-own");
	}

	@Test
	void noKeyWithoutAConversationOrWhenTurnedOff() {
		pool("a", RoutingPolicy.DEFAULTS).call(new Prompt("anonymous"));
		ModelPool off = pool("b", new RoutingPolicy(HomeStrategy.DETERMINISTIC, StickyScope.THREAD, 100,
				Duration.ofMinutes(5), null, false));
		ModelPoolContext.withConversation("thread-9", () -> off.call(new Prompt("hi")));
		assertThat(cacheKey(simulator.member("a").requests().get(0))).isNull();
		assertThat(cacheKey(simulator.member("b").requests().get(0))).isNull();
	}

	@Test
	void runScopedPoolsUseTheConversationIdWhenTheCallHasOne() {
		ModelPool pool = pool("a", new RoutingPolicy(HomeStrategy.DETERMINISTIC, StickyScope.RUN, 100,
				Duration.ofMinutes(5), null));
		ModelPoolContext.with(new RoutingKeys("thread-10", "run-1"), () -> pool.call(new Prompt("hi")));
		ModelPoolContext.with(new RoutingKeys(null, "run-2"), () -> pool.call(new Prompt("hi")));
		List<RecordedRequest> requests = simulator.member("a").requests();
		assertThat(cacheKey(requests.get(0))).isEqualTo(PromptCacheKeys.of("thread-10"));
		assertThat(cacheKey(requests.get(1))).isNull();
	}

	@Test
	void membersWhoseOptionsCarryNoKeyGetNone() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "keys").anthropic("c").build();
		ModelPoolContext.withConversation("thread-11", () -> pool.call(new Prompt("hi")));
		assertThat(simulator.member("c").requests().get(0).body().toString()).doesNotContain(KEY).doesNotContain("thread-11");
		assertThat(pool.getMember("c").orElseThrow().takesCacheKey()).isFalse();
		assertThat(pool("a", RoutingPolicy.DEFAULTS).getMember("a").orElseThrow().takesCacheKey()).isTrue();
	}

	private static ModelPool pool(String member, RoutingPolicy routing) {
		return new PoolFixture(new SimulatedModels(simulator.get()), "keys").openAi(member)
			.build((builder) -> builder.routing(routing));
	}

	private static String cacheKey(RecordedRequest request) {
		return request.body().has(KEY) ? request.body().get(KEY).asText() : null;
	}

}
