package io.github.modelpool.pool;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.modelpool.member.TokenCounts;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.util.ClassUtils;

/**
 * Reads an answer's tokens from its Spring AI usage, and the prompt tokens the provider
 * read from its prompt cache from what each provider reports, by reflection so the core
 * needs no SDK: OpenAI's {@code prompt_tokens_details.cached_tokens} (part of the prompt
 * tokens), Anthropic's and Bedrock's {@code cache_read_input_tokens} (counted apart from
 * the input tokens, as are cache writes, so they are added to them), Gemini's
 * {@code cachedContentTokenCount} (part of the prompt tokens), else Spring AI 2.0's
 * {@code Usage.getCacheReadInputTokens()}. What cannot be read counts as nothing; reading
 * never fails a call.
 */
final class AnswerTokens {

	/** The types whose methods are read, for native images. */
	static final List<String> REFLECTED_TYPES = List.of("org.springframework.ai.chat.metadata.DefaultUsage",
			"org.springframework.ai.openai.api.OpenAiApi$Usage",
			"org.springframework.ai.openai.api.OpenAiApi$Usage$PromptTokensDetails",
			"com.openai.models.completions.CompletionUsage",
			"com.openai.models.completions.CompletionUsage$PromptTokensDetails",
			"org.springframework.ai.anthropic.api.AnthropicApi$Usage", "com.anthropic.models.messages.Usage",
			"com.anthropic.models.messages.MessageDeltaUsage",
			"software.amazon.awssdk.services.bedrockruntime.model.TokenUsage",
			"org.springframework.ai.google.genai.metadata.GoogleGenAiUsage");

	private static final ClassValue<Map<String, Optional<Method>>> METHODS = new ClassValue<>() {

		@Override
		protected Map<String, Optional<Method>> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}

	};

	private AnswerTokens() {
	}

	/**
	 * The tokens of an answer.
	 * @param response the answer
	 * @return its tokens, {@link TokenCounts#NONE} when it reports none
	 */
	static TokenCounts of(ChatResponse response) {
		ChatResponseMetadata metadata = (response != null) ? response.getMetadata() : null;
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		if (usage == null) {
			return TokenCounts.NONE;
		}
		long prompt = count(usage.getPromptTokens());
		long output = count(usage.getCompletionTokens());
		if (prompt == 0 && output == 0) {
			return TokenCounts.NONE;
		}
		Object nativeUsage = usage.getNativeUsage();
		Object readApart = call(nativeUsage, "cacheReadInputTokens");
		if (readApart != null) {
			long read = count(readApart);
			long written = count(call(nativeUsage, "cacheCreationInputTokens"))
					+ count(call(nativeUsage, "cacheWriteInputTokens"));
			return new TokenCounts(prompt + read + written, read, output);
		}
		long read = count(call(call(nativeUsage, "promptTokensDetails"), "cachedTokens"));
		if (read == 0) {
			read = count(call(usage, "getCachedContentTokenCount"));
		}
		if (read == 0) {
			read = count(call(usage, "getCacheReadInputTokens"));
		}
		return new TokenCounts(prompt, Math.min(read, prompt), output);
	}

	/**
	 * The tokens of an embedding answer: its input, as the provider counted it.
	 * @param response the answer
	 * @return its tokens, {@link TokenCounts#NONE} when it reports none
	 */
	static TokenCounts of(EmbeddingResponse response) {
		EmbeddingResponseMetadata metadata = (response != null) ? response.getMetadata() : null;
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		if (usage == null) {
			return TokenCounts.NONE;
		}
		long input = count(usage.getPromptTokens());
		if (input == 0) {
			input = count(usage.getTotalTokens());
		}
		return (input == 0) ? TokenCounts.NONE : new TokenCounts(input, 0, 0);
	}

	private static long count(Object value) {
		return (value instanceof Number number) ? Math.max(0, number.longValue()) : 0;
	}

	/**
	 * A public no-argument method's result, an {@link Optional} unwrapped.
	 * @return the result, or {@code null} when the target has no such method, it fails or
	 * it answers nothing
	 */
	private static Object call(Object target, String name) {
		if (target == null) {
			return null;
		}
		Optional<Method> method = METHODS.get(target.getClass())
			.computeIfAbsent(name, (key) -> publicMethod(target.getClass(), key));
		if (method.isEmpty()) {
			return null;
		}
		try {
			Object result = method.get().invoke(target);
			return (result instanceof Optional<?> optional) ? optional.orElse(null) : result;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static Optional<Method> publicMethod(Class<?> type, String name) {
		try {
			Method method = type.getMethod(name);
			return Optional.of(ClassUtils.getPubliclyAccessibleMethodIfPossible(method, type));
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
