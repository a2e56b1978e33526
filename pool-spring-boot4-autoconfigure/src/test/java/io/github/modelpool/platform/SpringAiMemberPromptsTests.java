package io.github.modelpool.platform;

import java.util.List;
import java.util.Map;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.support.FakeTime;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a prompt's options reach a member on Spring AI 2.0, whose models take the prompt's
 * options as they are and only of their own type.
 */
class SpringAiMemberPromptsTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final FakeTime time = new FakeTime();

	@Test
	void foreignProviderOptionsAreMergedOntoTheMembersOwnOptionsWithTheMembersModel() {
		PoolMember claude = anthropicMember(null);
		Prompt adapted = claude
			.adapt(new Prompt("hi", OpenAiChatOptions.builder().model("gpt-4o").temperature(0.2).maxTokens(50).build()));
		assertThat(adapted.getOptions()).isInstanceOf(AnthropicChatOptions.class);
		AnthropicChatOptions options = (AnthropicChatOptions) adapted.getOptions();
		assertThat(options.getModel()).isEqualTo("claude-default");
		assertThat(options.getTemperature()).isEqualTo(0.2);
		assertThat(options.getMaxTokens()).isEqualTo(50);
		assertThat(options.getBaseUrl()).as("connection settings stay").isEqualTo(simulator.baseUrl("claude"));
		assertThat(options.getApiKey()).isEqualTo(ProviderModels.apiKeyOf("claude"));
	}

	@Test
	void foreignOptionsReachTheProviderWithoutAClassCastException() {
		PoolMember claude = anthropicMember(null);
		ChatResponse response = claude.chatModel()
			.call(claude.adapt(new Prompt("hi", OpenAiChatOptions.builder().model("gpt-4o").temperature(0.3).build())));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("[claude] You said: hi");
		assertThat(simulator.member("claude").requests()).singleElement()
			.satisfies((request) -> assertThat(request.model()).isEqualTo("claude-default"));
	}

	@Test
	void ownProviderOptionsKeepTheirSettingsButTakeTheMembersModel() {
		PoolMember claude = anthropicMember("claude-override");
		AnthropicChatOptions options = AnthropicChatOptions.builder()
			.model("claude-other")
			.topK(7)
			.stopSequences(List.of("END"))
			.build();
		Prompt adapted = claude.adapt(new Prompt("hi", options));
		assertThat(adapted.getOptions()).isInstanceOf(AnthropicChatOptions.class);
		assertThat(adapted.getOptions().getModel()).isEqualTo("claude-override");
		assertThat(adapted.getOptions().getTopK()).isEqualTo(7);
		assertThat(adapted.getOptions().getStopSequences()).containsExactly("END");
		assertThat(options.getModel()).as("the caller's options are untouched").isEqualTo("claude-other");
	}

	@Test
	void toolsAndToolContextTravelWithThePrompt() {
		PoolMember claude = anthropicMember(null);
		FunctionToolCallback<String, String> weather = FunctionToolCallback
			.builder("weather", (String city) -> "sunny in " + city)
			.description("Weather of a city")
			.inputType(String.class)
			.build();
		ChatOptions options = ToolCallingChatOptions.builder()
			.model("gpt-4o")
			.toolCallbacks(weather)
			.toolContext(Map.of("tenant", "acme"))
			.build();
		ToolCallingChatOptions adapted = (ToolCallingChatOptions) claude.adapt(new Prompt("hi", options)).getOptions();
		assertThat(adapted).isInstanceOf(AnthropicChatOptions.class);
		assertThat(adapted.getModel()).isEqualTo("claude-default");
		assertThat(adapted.getToolCallbacks()).containsExactly(weather);
		assertThat(adapted.getToolContext()).containsEntry("tenant", "acme");
	}

	@Test
	void promptWithoutOptionsGetsTheMembersOptionsOnlyWhenTheModelIsOverridden() {
		Prompt plain = new Prompt("hi");
		assertThat(anthropicMember(null).adapt(plain)).isSameAs(plain);
		assertThat(anthropicMember("claude-override").adapt(plain).getOptions())
			.isInstanceOfSatisfying(AnthropicChatOptions.class, (options) -> {
				assertThat(options.getModel()).isEqualTo("claude-override");
				assertThat(options.getBaseUrl()).isEqualTo(simulator.baseUrl("claude"));
			});
	}

	private PoolMember anthropicMember(String modelOverride) {
		return new PoolMember(new RouteMember("claude", 1, MemberRole.MEMBER), "anthropicChatModel",
				ProviderModels.anthropic(simulator.get(), "claude", "claude-default"), modelOverride, breaker("claude"),
				this.time);
	}

	private CircuitBreaker breaker(String id) {
		return CircuitBreaker.of("pool-" + id, CircuitBreakerConfig.from(MemberCircuitBreakers.POOL_DEFAULTS)
			.clock(this.time)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build());
	}

}
