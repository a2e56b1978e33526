package io.github.modelpool.platform;

import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.github.modelpool.member.MemberPrompts;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.ModelOptionsUtils;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.util.CollectionUtils;

/**
 * Member prompts on Spring AI 1.1, whose models merge the prompt's options onto their
 * own defaults: options of the member's own type are copied with the member's model;
 * other options become portable tool-calling options.
 */
public final class SpringAiMemberPrompts implements MemberPrompts {

	/** The options property of a provider prompt-cache key. */
	static final String CACHE_KEY = "promptCacheKey";

	/**
	 * The options types of Spring AI 1.1's chat models, whose {@code model} property is set
	 * through a bean wrapper; a native image can introspect these (see
	 * {@link SpringAiMemberPromptsRuntimeHints}), other types there get portable options.
	 */
	static final Set<String> OPTIONS_TYPES = Set.of("org.springframework.ai.openai.OpenAiChatOptions",
			"org.springframework.ai.anthropic.AnthropicChatOptions", "org.springframework.ai.ollama.api.OllamaChatOptions",
			"org.springframework.ai.google.genai.GoogleGenAiChatOptions",
			"org.springframework.ai.bedrock.converse.BedrockChatOptions",
			"org.springframework.ai.azure.openai.AzureOpenAiChatOptions",
			"org.springframework.ai.mistralai.MistralAiChatOptions", "org.springframework.ai.deepseek.DeepSeekChatOptions",
			"org.springframework.ai.minimax.MiniMaxChatOptions",
			"org.springframework.ai.vertexai.gemini.VertexAiGeminiChatOptions");

	@Override
	public Prompt adapt(Prompt prompt, ChatModel chatModel, String model) {
		ChatOptions options = prompt.getOptions();
		if (options == null) {
			return (model != null) ? new Prompt(prompt.getInstructions(), portable(null, model)) : prompt;
		}
		ChatOptions memberDefaults = chatModel.getDefaultOptions();
		if (memberDefaults != null && options.getClass() == memberDefaults.getClass()) {
			ChatOptions copy = options.copy();
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(copy);
			if (wrapper.isWritableProperty("model")) {
				wrapper.setPropertyValue("model", model);
				return new Prompt(prompt.getInstructions(), copy);
			}
		}
		return new Prompt(prompt.getInstructions(), portable(options, model));
	}

	/**
	 * A prompt whose options ask for nothing (what {@code ChatClient} sends when the
	 * call sets no option: portable options with every value unset and empty tool
	 * collections) reaches the member with no options but its model, so it uses its own
	 * defaults, as {@link #adapt} would make it; any other prompt is adapted as there.
	 */
	@Override
	public UnaryOperator<Prompt> forMember(ChatModel chatModel, String model) {
		ChatOptions modelOnly = (model != null) ? ChatOptions.builder().model(model).build() : null;
		return (prompt) -> {
			ChatOptions requested = prompt.getOptions();
			if (requested == null || !asksForNothing(requested)) {
				return adapt(prompt, chatModel, model);
			}
			return new Prompt(prompt.getInstructions(), (modelOnly != null) ? modelOnly.copy() : null);
		};
	}

	/**
	 * Whether options leave every setting unset: the pool's defaults know it, options of
	 * the portable types are read; options of other types always ask for something.
	 */
	static boolean asksForNothing(ChatOptions options) {
		if (options instanceof PoolDefaultOptions poolDefaults) {
			return poolDefaults.asksForNothing();
		}
		if (options.getClass() != DefaultToolCallingChatOptions.class
				&& options.getClass() != DefaultChatOptions.class) {
			return false;
		}
		boolean portableUnset = options.getTemperature() == null && options.getMaxTokens() == null
				&& options.getTopP() == null && options.getTopK() == null
				&& CollectionUtils.isEmpty(options.getStopSequences()) && options.getFrequencyPenalty() == null
				&& options.getPresencePenalty() == null;
		if (!portableUnset || !(options instanceof ToolCallingChatOptions tools)) {
			return portableUnset;
		}
		return CollectionUtils.isEmpty(tools.getToolCallbacks()) && CollectionUtils.isEmpty(tools.getToolNames())
				&& CollectionUtils.isEmpty(tools.getToolContext()) && tools.getInternalToolExecutionEnabled() == null;
	}

	/**
	 * Members whose options have a writable {@code promptCacheKey} (Spring AI 1.1's
	 * OpenAI options) get the key on options of their own type: portable options are
	 * copied onto that type as the model itself would copy them, and a prompt without
	 * options gets the member's defaults.
	 */
	@Override
	public BiFunction<Prompt, String, Prompt> cacheKeying(ChatModel chatModel) {
		ChatOptions memberDefaults = chatModel.getDefaultOptions();
		if (memberDefaults == null
				|| !PropertyAccessorFactory.forBeanPropertyAccess(memberDefaults).isWritableProperty(CACHE_KEY)) {
			return NO_CACHE_KEY;
		}
		Class<? extends ChatOptions> ownType = memberDefaults.getClass();
		return (prompt, cacheKey) -> {
			ChatOptions keyed = ownTypeCopy(prompt.getOptions(), ownType, chatModel);
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(keyed);
			if (wrapper.getPropertyValue(CACHE_KEY) == null) {
				wrapper.setPropertyValue(CACHE_KEY, cacheKey);
			}
			return new Prompt(prompt.getInstructions(), keyed);
		};
	}

	/**
	 * Options of the member's own type carrying the prompt's settings: a copy of the
	 * prompt's own, portable ones copied onto that type, or the member's defaults when the
	 * prompt has none.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ChatOptions ownTypeCopy(ChatOptions options, Class<? extends ChatOptions> ownType,
			ChatModel chatModel) {
		if (options == null) {
			return chatModel.getDefaultOptions().copy();
		}
		if (options.getClass() == ownType) {
			return options.copy();
		}
		Class target = ownType;
		return (options instanceof ToolCallingChatOptions tools)
				? (ChatOptions) ModelOptionsUtils.copyToTarget(tools, ToolCallingChatOptions.class, target)
				: (ChatOptions) ModelOptionsUtils.copyToTarget(options, ChatOptions.class, target);
	}

	@Override
	public ChatOptions poolDefaults() {
		return new PoolDefaultOptions();
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
