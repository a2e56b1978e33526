package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.context.ModelPoolRoutingAdvisor;
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
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.annotation.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real tool round trip through a pool: the provider asks for a tool, the tool runs,
 * its result goes back to the provider. On Spring AI 1.1 the model runs the tool inside
 * one call; on Spring AI 2.0 {@code ChatClient} does, and each round is its own pool
 * call, so the {@code run} scope must keep every round of one {@code ChatClient} call on
 * one member.
 */
class ModelPoolToolCallTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void everyToolRoundOfOneChatClientCallStaysOnOneMemberInRunScope() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "agent").openAi("a")
			.openAi("b")
			.anthropic("c")
			.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.DETERMINISTIC, StickyScope.RUN, 1000,
					Duration.ofMinutes(30), null)));
		ChatClient chatClient = ChatClient.builder(pool).defaultAdvisors(new ModelPoolRoutingAdvisor()).build();
		for (int run = 0; run < 12; run++) {
			simulator.get().reset();
			ChatResponse response = chatClient.prompt()
				.user("What is the weather?")
				.tools(new WeatherTools())
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "thread-tools"))
				.call()
				.chatResponse();
			String member = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
			assertThat(response.getResult().getOutput().getText()).isEqualTo("[" + member + "] Tool said: \"sunny\"");
			List<RecordedRequest> requests = simulator.member(member).requests();
			assertThat(requests).as("the tool call round and the answer round").hasSize(2);
			assertThat(requests.get(0).toolResult()).isNull();
			assertThat(requests.get(1).toolResult()).isEqualTo("\"sunny\"");
			assertThat(simulator.members()).filteredOn((other) -> !other.id().equals(member))
				.allSatisfy((other) -> assertThat(other.requestCount()).isZero());
		}
	}

	@Test
	void toolRoundsOfOneConversationStayOnItsHomeInThreadScope() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "agent").openAi("a").anthropic("b").build();
		ChatClient chatClient = ChatClient.builder(pool).defaultAdvisors(new ModelPoolRoutingAdvisor()).build();
		String home = null;
		for (int run = 0; run < 3; run++) {
			ChatResponse response = chatClient.prompt()
				.user("And now?")
				.tools(new WeatherTools())
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "thread-home"))
				.call()
				.chatResponse();
			String member = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
			home = (home != null) ? home : member;
			assertThat(member).isEqualTo(home);
		}
		assertThat(simulator.member(home).requestCount()).isEqualTo(6);
	}

	static class WeatherTools {

		@Tool(description = "The weather where the user is")
		String weather() {
			return "sunny";
		}

	}

}
