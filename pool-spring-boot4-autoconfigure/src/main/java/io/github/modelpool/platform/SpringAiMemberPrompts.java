package io.github.modelpool.platform;

import io.github.modelpool.member.MemberPrompts;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * Member prompts on Spring AI 2.0, whose models take the prompt's options as they are,
 * of their own options type: the prompt's options are merged onto the member's own
 * options ({@code combineWith}), so connection and provider-specific settings stay, and
 * the member's model replaces the prompt's.
 */
public final class SpringAiMemberPrompts implements MemberPrompts {

	@Override
	public Prompt adapt(Prompt prompt, ChatModel chatModel, String model) {
		ChatOptions requested = prompt.getOptions();
		ChatOptions memberOptions = chatModel.getOptions();
		if (requested == null && model == null) {
			return prompt;
		}
		ChatOptions.Builder<?> merged = (memberOptions != null) ? memberOptions.mutate()
				: ToolCallingChatOptions.builder();
		if (requested != null) {
			merged.combineWith(requested.mutate());
		}
		String memberModel = (model != null) ? model : (memberOptions != null) ? memberOptions.getModel() : null;
		merged.model(memberModel);
		return prompt.mutate().chatOptions(merged.build()).build();
	}

	@Override
	public String defaultModel(ChatModel chatModel) {
		try {
			ChatOptions options = chatModel.getOptions();
			return (options != null) ? options.getModel() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public ChatOptions poolDefaults() {
		return ToolCallingChatOptions.builder().build();
	}

}
