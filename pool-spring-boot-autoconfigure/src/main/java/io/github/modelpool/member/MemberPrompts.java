package io.github.modelpool.member;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Adapts a prompt to one member: the member keeps its own model (its configured
 * override, else its default), while portable options (temperature, max tokens, tools,
 * tool context) travel with the prompt. Options of the member's own type keep their
 * provider-specific settings.
 */
final class MemberPrompts {

	private MemberPrompts() {
	}

	static Prompt adapt(Prompt prompt, ChatOptions memberDefaults, String modelOverride) {
		ChatOptions options = prompt.getOptions();
		if (options == null) {
			return (modelOverride != null) ? new Prompt(prompt.getInstructions(), portable(null, modelOverride))
					: prompt;
		}
		if (memberDefaults != null && options.getClass() == memberDefaults.getClass()) {
			ChatOptions copy = options.copy();
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(copy);
			if (wrapper.isWritableProperty("model")) {
				wrapper.setPropertyValue("model", modelOverride);
				return new Prompt(prompt.getInstructions(), copy);
			}
		}
		return new Prompt(prompt.getInstructions(), portable(options, modelOverride));
	}

	private static ToolCallingChatOptions portable(ChatOptions source, String model) {
		DefaultToolCallingChatOptions target = new DefaultToolCallingChatOptions();
		target.setModel(model);
		if (source == null) {
			return target;
		}
		target.setTemperature(source.getTemperature());
		target.setMaxTokens(source.getMaxTokens());
		target.setTopP(source.getTopP());
		target.setTopK(source.getTopK());
		target.setStopSequences(source.getStopSequences());
		target.setFrequencyPenalty(source.getFrequencyPenalty());
		target.setPresencePenalty(source.getPresencePenalty());
		if (source instanceof ToolCallingChatOptions tools) {
			if (tools.getToolCallbacks() != null) {
				target.setToolCallbacks(tools.getToolCallbacks());
			}
			if (tools.getToolNames() != null) {
				target.setToolNames(tools.getToolNames());
			}
			if (tools.getToolContext() != null) {
				target.setToolContext(tools.getToolContext());
			}
			target.setInternalToolExecutionEnabled(tools.getInternalToolExecutionEnabled());
		}
		return target;
	}

}
