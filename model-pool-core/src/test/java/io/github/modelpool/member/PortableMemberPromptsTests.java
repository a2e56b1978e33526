package io.github.modelpool.member;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's own prompt adaptation, run with the core's Spring AI and again on the
 * other line's (the Boot 4 module runs the core's tests).
 */
class PortableMemberPromptsTests {

	private final PortableMemberPrompts prompts = new PortableMemberPrompts();

	private final ChatModel member = (prompt) -> new ChatResponse(List.of(new Generation(new AssistantMessage("hi"))));

	@Test
	void portableOptionsTravelWithTheMembersModelOverride() {
		Prompt prompt = new Prompt("hi",
				ChatOptions.builder().model("caller-model").temperature(0.3).maxTokens(50).topP(0.9).build());
		ChatOptions adapted = this.prompts.adapt(prompt, this.member, "member-model").getOptions();
		assertThat(adapted).isInstanceOf(ToolCallingChatOptions.class);
		assertThat(adapted.getModel()).isEqualTo("member-model");
		assertThat(adapted.getTemperature()).isEqualTo(0.3);
		assertThat(adapted.getMaxTokens()).isEqualTo(50);
		assertThat(adapted.getTopP()).isEqualTo(0.9);
	}

	@Test
	void theCallersModelNeverReachesAMemberWithoutOverride() {
		Prompt prompt = new Prompt("hi", ChatOptions.builder().model("other-members-model").temperature(0.3).build());
		ChatOptions adapted = this.prompts.adapt(prompt, this.member, null).getOptions();
		assertThat(adapted.getModel()).isNull();
		assertThat(adapted.getTemperature()).isEqualTo(0.3);
	}

	@Test
	void toolContextTravelsWithThePrompt() {
		Prompt prompt = new Prompt("hi", ToolCallingChatOptions.builder().toolContext(Map.of("tenant", "t1")).build());
		ToolCallingChatOptions adapted = (ToolCallingChatOptions) this.prompts.adapt(prompt, this.member, "m")
			.getOptions();
		assertThat(adapted.getToolContext()).containsEntry("tenant", "t1");
		assertThat(adapted.getModel()).isEqualTo("m");
	}

	@Test
	void aPromptWithoutOptionsOrOverrideReachesTheMemberUnchanged() {
		Prompt prompt = new Prompt("hi");
		assertThat(this.prompts.adapt(prompt, this.member, null)).isSameAs(prompt);
	}

	@Test
	void aPromptWithoutOptionsGetsTheMembersOverride() {
		Prompt adapted = this.prompts.adapt(new Prompt("hi"), this.member, "member-model");
		assertThat(adapted.getOptions().getModel()).isEqualTo("member-model");
		assertThat(adapted.getInstructions()).hasSize(1);
	}

	@Test
	void poolDefaultsTakeToolCalls() {
		assertThat(this.prompts.poolDefaults()).isInstanceOf(ToolCallingChatOptions.class);
	}

}
