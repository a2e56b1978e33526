package io.github.modelpool.member;

import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Adapts a prompt to one member, the one thing about prompts that Spring AI 1.1 and 2.0
 * do differently: the member keeps its own model (its configured override, else its
 * default), while portable options (temperature, max tokens, tools, tool context) travel
 * with the prompt, and options of the member's own type keep their provider-specific
 * settings.
 * <p>
 * Each platform line's auto-configuration jar provides one implementation, registered
 * for {@link ServiceLoader}; {@link #forClasspath()} finds it. Without one, the core
 * adapts prompts with portable options only (see {@code PortableMemberPrompts}), so a
 * pool runs without Spring Boot.
 */
public interface MemberPrompts {

	/** The cache keying of a member whose options carry no prompt-cache key: prompts unchanged. */
	BiFunction<Prompt, String, Prompt> NO_CACHE_KEY = (prompt, cacheKey) -> prompt;

	/**
	 * The prompt as the member should receive it.
	 * @param prompt the prompt given to the pool
	 * @param chatModel the member's chat model
	 * @param model the member's model override, or {@code null} for the chat model's
	 * default
	 * @return the adapted prompt
	 */
	Prompt adapt(Prompt prompt, ChatModel chatModel, String model);

	/**
	 * The adaptation of one member, used for all its calls: an implementation may work
	 * out once what every call would otherwise repeat (the member's own options with its
	 * model, for a prompt that asks for nothing else).
	 * @param chatModel the member's chat model
	 * @param model the member's model override, or {@code null} for the chat model's
	 * default
	 * @return the member's prompt adaptation, equivalent to
	 * {@link #adapt(Prompt, ChatModel, String)}
	 */
	default UnaryOperator<Prompt> forMember(ChatModel chatModel, String model) {
		return (prompt) -> adapt(prompt, chatModel, model);
	}

	/**
	 * How one member's adapted prompts carry a provider prompt-cache key, for members
	 * whose options have one (Spring AI's OpenAI options do: {@code promptCacheKey}). A
	 * key the prompt already carries is kept.
	 * @param chatModel the member's chat model
	 * @return a function of an adapted prompt and a key to the prompt carrying the key, or
	 * {@link #NO_CACHE_KEY} when the member's options carry no key
	 */
	default BiFunction<Prompt, String, Prompt> cacheKeying(ChatModel chatModel) {
		return NO_CACHE_KEY;
	}

	/**
	 * The options a pool reports as its defaults: portable options that every member can
	 * take, with tool calling support.
	 * @return default options: a new instance where options are mutable (Spring AI 1.1),
	 * one shared instance where they are not
	 */
	ChatOptions poolDefaults();

	/**
	 * The model a chat model uses when a prompt names none.
	 * @param chatModel the chat model
	 * @return the model name, or {@code null} when its options do not say
	 */
	default String defaultModel(ChatModel chatModel) {
		try {
			ChatOptions options = chatModel.getDefaultOptions();
			return (options != null) ? options.getModel() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The implementation of the Spring AI line on the classpath, else the core's portable
	 * one.
	 * @return the implementation
	 */
	static MemberPrompts forClasspath() {
		return PlatformLine.memberPrompts();
	}

}
