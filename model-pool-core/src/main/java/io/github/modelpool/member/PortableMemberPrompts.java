package io.github.modelpool.member;

import java.util.List;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * The core's own member prompts, for pools used without a platform line's jar. Written
 * against what Spring AI 1.1 and 2.0 both keep (the options' getters, the tool-calling
 * options builder, {@code ChatModel.getDefaultOptions()}), so it runs on either:
 * <ul>
 * <li>options of the member's own type that name no model reach the member unchanged
 * when it has no model override;</li>
 * <li>any other options become portable tool-calling options (temperature, max tokens,
 * top-p, top-k, stop sequences, penalties, tool callbacks and tool context) with the
 * member's model, so a member never receives another provider's options type nor
 * another member's model.</li>
 * </ul>
 * A platform line's implementation, when present, also keeps provider-specific settings
 * while replacing the model, which needs each line's own copy or merge.
 */
final class PortableMemberPrompts implements MemberPrompts {

	@Override
	public Prompt adapt(Prompt prompt, ChatModel chatModel, String model) {
		ChatOptions requested = prompt.getOptions();
		if (requested == null && model == null) {
			return prompt;
		}
		if (requested != null && model == null && requested.getModel() == null
				&& isMemberOwnType(requested, chatModel)) {
			return prompt;
		}
		return new Prompt(prompt.getInstructions(), portable(requested, model));
	}

	@Override
	public ChatOptions poolDefaults() {
		return ToolCallingChatOptions.builder().build();
	}

	private static boolean isMemberOwnType(ChatOptions requested, ChatModel chatModel) {
		ChatOptions memberDefaults = defaultOptions(chatModel);
		return memberDefaults != null && memberDefaults.getClass() == requested.getClass();
	}

	@SuppressWarnings("deprecation") // Spring AI 2.0 keeps it as an alias of getOptions()
	private static ChatOptions defaultOptions(ChatModel chatModel) {
		try {
			return chatModel.getDefaultOptions();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ChatOptions portable(ChatOptions source, String model) {
		ToolCallingChatOptions.Builder target = ToolCallingChatOptions.builder().model(model);
		if (source == null) {
			return target.build();
		}
		target.temperature(source.getTemperature())
			.maxTokens(source.getMaxTokens())
			.topP(source.getTopP())
			.topK(source.getTopK())
			.stopSequences(source.getStopSequences())
			.frequencyPenalty(source.getFrequencyPenalty())
			.presencePenalty(source.getPresencePenalty());
		if (source instanceof ToolCallingChatOptions tools) {
			if (tools.getToolCallbacks() != null) {
				target.toolCallbacks(List.copyOf(tools.getToolCallbacks()));
			}
			if (tools.getToolContext() != null) {
				target.toolContext(tools.getToolContext());
			}
		}
		return target.build();
	}

}
