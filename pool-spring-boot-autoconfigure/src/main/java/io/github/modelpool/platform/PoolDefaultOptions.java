package io.github.modelpool.platform;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The pool's default options on Spring AI 1.1: portable tool-calling options with nothing
 * set, which know whether anything was set since. {@code ChatClient} copies a model's
 * default options for every call and sets on the copy what the call asks for; a copy
 * nobody set anything on reaches the members as a prompt that asks for nothing, told
 * without reading (and so copying) each of its collections, and is itself made without
 * copying any.
 * <p>
 * Every setter of {@link DefaultToolCallingChatOptions} is overridden to note that it
 * ran ({@code PoolDefaultOptionsTests} fails when Spring AI adds one).
 */
final class PoolDefaultOptions extends DefaultToolCallingChatOptions {

	private boolean changed;

	/**
	 * Whether nothing was set on these options since they were made.
	 * @return {@code true} when every setting is unset
	 */
	boolean asksForNothing() {
		return !this.changed;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends ChatOptions> T copy() {
		return this.changed ? super.copy() : (T) new PoolDefaultOptions();
	}

	@Override
	public void setToolCallbacks(List<ToolCallback> toolCallbacks) {
		this.changed = true;
		super.setToolCallbacks(toolCallbacks);
	}

	@Override
	public void setToolNames(Set<String> toolNames) {
		this.changed = true;
		super.setToolNames(toolNames);
	}

	@Override
	public void setToolContext(Map<String, Object> toolContext) {
		this.changed = true;
		super.setToolContext(toolContext);
	}

	@Override
	public void setInternalToolExecutionEnabled(Boolean internalToolExecutionEnabled) {
		this.changed = true;
		super.setInternalToolExecutionEnabled(internalToolExecutionEnabled);
	}

	@Override
	public void setModel(String model) {
		this.changed = true;
		super.setModel(model);
	}

	@Override
	public void setFrequencyPenalty(Double frequencyPenalty) {
		this.changed = true;
		super.setFrequencyPenalty(frequencyPenalty);
	}

	@Override
	public void setMaxTokens(Integer maxTokens) {
		this.changed = true;
		super.setMaxTokens(maxTokens);
	}

	@Override
	public void setPresencePenalty(Double presencePenalty) {
		this.changed = true;
		super.setPresencePenalty(presencePenalty);
	}

	@Override
	public void setStopSequences(List<String> stopSequences) {
		this.changed = true;
		super.setStopSequences(stopSequences);
	}

	@Override
	public void setTemperature(Double temperature) {
		this.changed = true;
		super.setTemperature(temperature);
	}

	@Override
	public void setTopK(Integer topK) {
		this.changed = true;
		super.setTopK(topK);
	}

	@Override
	public void setTopP(Double topP) {
		this.changed = true;
		super.setTopP(topP);
	}

}
