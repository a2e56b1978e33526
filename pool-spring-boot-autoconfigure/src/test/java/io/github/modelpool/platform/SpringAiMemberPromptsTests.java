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
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a prompt's options reach a member on Spring AI 1.1.
 */
class SpringAiMemberPromptsTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final FakeTime time = new FakeTime();

	@Test
	void foreignProviderOptionsBecomePortableWithTheMembersModel() {
		PoolMember claude = new PoolMember(new RouteMember("claude", 1, MemberRole.MEMBER), "anthropicChatModel",
				ProviderModels.anthropic(simulator.get(), "claude", "claude-default"), null, breaker("claude"), this.time);
		Prompt adapted = claude
			.adapt(new Prompt("hi", OpenAiChatOptions.builder().model("gpt-4o").temperature(0.2).maxTokens(50).build()));
		assertThat(adapted.getOptions()).isInstanceOf(ToolCallingChatOptions.class);
		assertThat(adapted.getOptions().getModel()).isNull();
		assertThat(adapted.getOptions().getTemperature()).isEqualTo(0.2);
		assertThat(adapted.getOptions().getMaxTokens()).isEqualTo(50);
	}

	@Test
	void ownProviderOptionsKeepTheirSettingsButTakeTheMembersModel() {
		PoolMember claude = new PoolMember(new RouteMember("claude", 1, MemberRole.MEMBER), "anthropicChatModel",
				ProviderModels.anthropic(simulator.get(), "claude", "claude-default"), "claude-override", breaker("claude"),
				this.time);
		AnthropicChatOptions options = AnthropicChatOptions.builder()
			.model("claude-other")
			.topK(7)
			.stopSequences(List.of("END"))
			.build();
		Prompt adapted = claude.adapt(new Prompt("hi", options));
		assertThat(adapted.getOptions()).isInstanceOf(AnthropicChatOptions.class);
		assertThat(adapted.getOptions().getModel()).isEqualTo("claude-override");
		assertThat(adapted.getOptions().getTopK()).isEqualTo(7);
		assertThat(options.getModel()).as("the caller's options are untouched").isEqualTo("claude-other");
	}

	@Test
	void toolsAndToolContextTravelWithThePrompt() {
		PoolMember claude = new PoolMember(new RouteMember("claude", 1, MemberRole.MEMBER), "anthropicChatModel",
				ProviderModels.anthropic(simulator.get(), "claude", "claude-default"), null, breaker("claude"), this.time);
		ToolCallingChatOptions options = ToolCallingChatOptions.builder()
			.model("gpt-4o")
			.toolNames("weather")
			.toolContext(Map.of("tenant", "acme"))
			.internalToolExecutionEnabled(false)
			.build();
		ToolCallingChatOptions adapted = (ToolCallingChatOptions) claude.adapt(new Prompt("hi", options)).getOptions();
		assertThat(adapted.getModel()).isNull();
		assertThat(adapted.getToolNames()).containsExactly("weather");
		assertThat(adapted.getToolContext()).containsEntry("tenant", "acme");
		assertThat(adapted.getInternalToolExecutionEnabled()).isFalse();
	}

	private CircuitBreaker breaker(String id) {
		return CircuitBreaker.of("pool-" + id, CircuitBreakerConfig.from(MemberCircuitBreakers.POOL_DEFAULTS)
			.clock(this.time)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build());
	}

}
