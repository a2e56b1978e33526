package io.github.modelpool.autoconfigure;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.util.ClassUtils;

/**
 * The retries a Spring AI 2.0 model on a provider's SDK makes by itself, read from its
 * options. Each provider's classes are touched only when its module is present.
 *
 * @param property the property that sets them
 * @param maxRetries the retries after the first attempt
 */
record SdkRetries(String property, int maxRetries) {

	private static final boolean OPENAI_PRESENT = isPresent("org.springframework.ai.openai.OpenAiChatOptions");

	private static final boolean ANTHROPIC_PRESENT = isPresent("org.springframework.ai.anthropic.AnthropicChatOptions");

	/**
	 * The SDK retries of a model.
	 * @param chatModel any chat model
	 * @return its retries, or {@code null} when it is not an SDK-based model
	 */
	static SdkRetries of(ChatModel chatModel) {
		ChatOptions options = chatModel.getOptions();
		if (OPENAI_PRESENT && OpenAi.is(options)) {
			return new SdkRetries("spring.ai.openai.max-retries", OpenAi.maxRetries(options));
		}
		if (ANTHROPIC_PRESENT && Anthropic.is(options)) {
			return new SdkRetries("spring.ai.anthropic.max-retries", Anthropic.maxRetries(options));
		}
		return null;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, SdkRetries.class.getClassLoader());
	}

	private static final class OpenAi {

		static boolean is(ChatOptions options) {
			return options instanceof org.springframework.ai.openai.OpenAiChatOptions;
		}

		static int maxRetries(ChatOptions options) {
			return ((org.springframework.ai.openai.OpenAiChatOptions) options).getMaxRetries();
		}

	}

	private static final class Anthropic {

		static boolean is(ChatOptions options) {
			return options instanceof org.springframework.ai.anthropic.AnthropicChatOptions;
		}

		static int maxRetries(ChatOptions options) {
			Integer retries = ((org.springframework.ai.anthropic.AnthropicChatOptions) options).getMaxRetries();
			// Unset means the SDK's default, 2.
			return (retries != null) ? retries : 2;
		}

	}

}
