package io.github.modelpool.platform;

import java.util.List;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets a native image load this line's member prompts through the service loader, and
 * give a prompt-cache key to members whose options have one: the options types of
 * Spring AI 2.0's chat models and their builders are introspected for it.
 */
public final class SpringAiMemberPromptsRuntimeHints implements RuntimeHintsRegistrar {

	/** The options types of Spring AI 2.0's chat models. */
	static final List<String> OPTIONS_TYPES = List.of("org.springframework.ai.openai.OpenAiChatOptions",
			"org.springframework.ai.anthropic.AnthropicChatOptions", "org.springframework.ai.ollama.api.OllamaChatOptions",
			"org.springframework.ai.google.genai.GoogleGenAiChatOptions",
			"org.springframework.ai.bedrock.converse.BedrockChatOptions",
			"org.springframework.ai.azure.openai.AzureOpenAiChatOptions",
			"org.springframework.ai.mistralai.MistralAiChatOptions", "org.springframework.ai.deepseek.DeepSeekChatOptions",
			"org.springframework.ai.minimax.MiniMaxChatOptions");

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection().registerType(SpringAiMemberPrompts.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		for (String type : OPTIONS_TYPES) {
			for (String introspected : List.of(type, type + "$Builder")) {
				// On Spring Framework 7, invoking implies introspecting.
				hints.reflection().registerType(TypeReference.of(introspected), MemberCategory.INVOKE_PUBLIC_METHODS);
			}
		}
	}

}
