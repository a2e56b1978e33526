package io.github.modelpool.platform;

import java.lang.reflect.Method;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.github.modelpool.member.MemberPrompts;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.util.ReflectionUtils;

/**
 * Member prompts on Spring AI 2.0, whose models take the prompt's options as they are,
 * of their own options type: the prompt's options are merged onto the member's own
 * options ({@code combineWith}), so connection and provider-specific settings stay, and
 * the member's model replaces the prompt's.
 */
public final class SpringAiMemberPrompts implements MemberPrompts {

	/** What {@code ChatClient} asks a pool for when the call sets no option: the pool's defaults. */
	private static final ChatOptions NOTHING_ASKED = ToolCallingChatOptions.builder().build();

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
		// Not prompt.mutate(): it copies every message, which the member never changes.
		return new Prompt(prompt.getInstructions(), merged.build());
	}

	/**
	 * A prompt that asks for no option gets the member's own options with its model,
	 * merged once and kept; any other prompt is merged as {@link #adapt} does.
	 */
	@Override
	public UnaryOperator<Prompt> forMember(ChatModel chatModel, String model) {
		return new UnaryOperator<>() {

			private volatile ChatOptions memberDefaults;

			@Override
			public Prompt apply(Prompt prompt) {
				ChatOptions requested = prompt.getOptions();
				if ((requested != null && !NOTHING_ASKED.equals(requested)) || (requested == null && model == null)) {
					return adapt(prompt, chatModel, model);
				}
				ChatOptions defaults = this.memberDefaults;
				if (defaults == null) {
					defaults = adapt(new Prompt(prompt.getInstructions(), NOTHING_ASKED), chatModel, model).getOptions();
					this.memberDefaults = defaults;
				}
				return new Prompt(prompt.getInstructions(), defaults);
			}

		};
	}

	/**
	 * Members whose options have a {@code promptCacheKey} (Spring AI 2.0's OpenAI options)
	 * get the key through their options' builder; options are immutable, so a keyed
	 * prompt gets a keyed copy.
	 */
	@Override
	public BiFunction<Prompt, String, Prompt> cacheKeying(ChatModel chatModel) {
		ChatOptions memberOptions = chatModel.getOptions();
		if (memberOptions == null) {
			return NO_CACHE_KEY;
		}
		Method key = publicMethod(memberOptions.getClass(), "getPromptCacheKey");
		Method keyed = publicMethod(memberOptions.mutate().getClass(), "promptCacheKey", String.class);
		if (key == null || keyed == null) {
			return NO_CACHE_KEY;
		}
		return (prompt, cacheKey) -> {
			ChatOptions options = (prompt.getOptions() != null) ? prompt.getOptions() : memberOptions;
			if (options.getClass() != memberOptions.getClass()
					|| ReflectionUtils.invokeMethod(key, options) != null) {
				return prompt;
			}
			ChatOptions.Builder<?> builder = options.mutate();
			ReflectionUtils.invokeMethod(keyed, builder, cacheKey);
			return new Prompt(prompt.getInstructions(), builder.build());
		};
	}

	private static Method publicMethod(Class<?> type, String name, Class<?>... parameterTypes) {
		try {
			return type.getMethod(name, parameterTypes);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
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

	/**
	 * Options are immutable on Spring AI 2.0: every call gets the same instance.
	 */
	@Override
	public ChatOptions poolDefaults() {
		return NOTHING_ASKED;
	}

}
