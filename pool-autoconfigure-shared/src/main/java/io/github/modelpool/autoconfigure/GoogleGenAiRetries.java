package io.github.modelpool.autoconfigure;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.ai.chat.model.ChatModel;

/**
 * The attempts per request that the Google Gen AI SDK client inside a Spring AI Google
 * GenAI chat model makes, read by reflection: Spring AI keeps the client in a private
 * field, the client its HTTP options in another. The SDK retries 408, 429 and 5xx
 * itself, five attempts in all unless the client's {@code HttpRetryOptions} say
 * otherwise, and Spring AI has no property for it.
 */
final class GoogleGenAiRetries {

	/** Attempts of a client built without retry options. */
	static final int SDK_DEFAULT_ATTEMPTS = 5;

	static final String CHAT_MODEL_CLASS = "org.springframework.ai.google.genai.GoogleGenAiChatModel";

	private GoogleGenAiRetries() {
	}

	/**
	 * The attempts per request of a model's Gen AI SDK client.
	 * @param chatModel any chat model
	 * @return the attempts, empty when the model is not a Google GenAI model or its
	 * client cannot be read
	 */
	static OptionalInt attempts(ChatModel chatModel) {
		if (!isGoogleGenAi(chatModel.getClass())) {
			return OptionalInt.empty();
		}
		try {
			ClassLoader classLoader = chatModel.getClass().getClassLoader();
			Object client = fieldValue(chatModel, "genAiClient");
			Object apiClient = fieldValue(client, "apiClient");
			Object httpOptions = fieldValue(apiClient, "httpOptions");
			Optional<?> retryOptions = (Optional<?>) Class.forName("com.google.genai.types.HttpOptions", false,
					classLoader)
				.getMethod("retryOptions")
				.invoke(httpOptions);
			if (retryOptions.isEmpty()) {
				return OptionalInt.of(SDK_DEFAULT_ATTEMPTS);
			}
			Optional<?> attempts = (Optional<?>) Class.forName("com.google.genai.types.HttpRetryOptions", false,
					classLoader)
				.getMethod("attempts")
				.invoke(retryOptions.get());
			return OptionalInt.of(attempts.map(Integer.class::cast).orElse(SDK_DEFAULT_ATTEMPTS));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return OptionalInt.empty();
		}
	}

	private static boolean isGoogleGenAi(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (CHAT_MODEL_CLASS.equals(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

	private static Object fieldValue(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				// declared higher up, if at all
			}
		}
		throw new NoSuchFieldException(name);
	}

}
