package io.github.modelpool.autoconfigure;

import java.util.Set;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.util.ClassUtils;

/**
 * The retries a Spring AI 2.0 model (chat, or OpenAI embedding) on a provider's SDK makes
 * by itself. Each provider's
 * classes are touched only when its module is present.
 * <p>
 * An Anthropic model builds its client from its options, so they say it. An OpenAI model
 * built by Spring AI's auto-configuration gets a client built from
 * {@code spring.ai.openai.max-retries} while its options keep their own default (3), so
 * its client's setting is read; only where that cannot be read do its options count.
 *
 * @param property the property that sets them
 * @param maxRetries the retries after the first attempt
 */
record SdkRetries(String property, int maxRetries) {

	/**
	 * Types whose fields or public methods are read by reflection, by name: the OpenAI
	 * model's client and the client's options.
	 */
	static final Set<String> REFLECTED_TYPES = Set.of("org.springframework.ai.openai.OpenAiChatModel",
			"org.springframework.ai.openai.OpenAiEmbeddingModel", "com.openai.client.OpenAIClientImpl",
			"com.openai.core.ClientOptions");

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
			return new SdkRetries("spring.ai.openai.max-retries", OpenAi.maxRetries(chatModel, options));
		}
		if (ANTHROPIC_PRESENT && Anthropic.is(options)) {
			return new SdkRetries("spring.ai.anthropic.max-retries", Anthropic.maxRetries(options));
		}
		return null;
	}

	/**
	 * The SDK retries of a pool member's model, chat or embedding.
	 * @param model a chat or embedding model
	 * @return its retries, or {@code null} when it is not an SDK-based model
	 */
	static SdkRetries ofMember(Object model) {
		if (model instanceof ChatModel chatModel) {
			return of(chatModel);
		}
		if (OPENAI_PRESENT && OpenAi.isEmbedding(model)) {
			return new SdkRetries("spring.ai.openai.max-retries", OpenAi.embeddingMaxRetries(model));
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

		static int maxRetries(ChatModel chatModel, ChatOptions options) {
			return clientMaxRetriesOr(chatModel,
					((org.springframework.ai.openai.OpenAiChatOptions) options).getMaxRetries());
		}

		static boolean isEmbedding(Object model) {
			return model instanceof org.springframework.ai.openai.OpenAiEmbeddingModel;
		}

		static int embeddingMaxRetries(Object model) {
			return clientMaxRetriesOr(model,
					((org.springframework.ai.openai.OpenAiEmbeddingModel) model).getOptions().getMaxRetries());
		}

		/**
		 * The retries of the SDK client the model calls, else those its options ask for.
		 */
		private static int clientMaxRetriesOr(Object model, Integer optionsRetries) {
			Integer clientRetries = clientMaxRetries(model);
			return (clientRetries != null) ? clientRetries : optionsRetries;
		}

		/**
		 * The retries of the SDK client the model calls, or {@code null} where they
		 * cannot be read: Spring AI 2.0.1 keeps the client in a private field, and the
		 * SDK keeps its options in a private field of the client.
		 */
		private static Integer clientMaxRetries(Object model) {
			try {
				Object client = SdkClientRetries.fieldValue(model, "openAiClient");
				Object clientOptions = (client != null) ? SdkClientRetries.fieldValue(client, "clientOptions") : null;
				if (clientOptions == null) {
					return null;
				}
				return (Integer) clientOptions.getClass().getMethod("maxRetries").invoke(clientOptions);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
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
