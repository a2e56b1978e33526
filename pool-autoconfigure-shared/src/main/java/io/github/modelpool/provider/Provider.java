package io.github.modelpool.provider;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.util.ClassUtils;

/**
 * Providers a member model can be declared for under {@code model-pool.models}. Each is
 * available when its Spring AI module is on the classpath.
 */
public enum Provider {

	/** OpenAI and OpenAI-compatible servers (vLLM, Groq, DeepSeek, Ollama's OpenAI API). */
	OPENAI("openai", "org.springframework.ai.openai.OpenAiChatModel", "org.springframework.ai:spring-ai-openai",
			ProviderLine.OPENAI_BASE_URL, true, "org.springframework.ai.openai.OpenAiEmbeddingModel"),

	/** Anthropic. */
	ANTHROPIC("anthropic", "org.springframework.ai.anthropic.AnthropicChatModel",
			"org.springframework.ai:spring-ai-anthropic", "https://api.anthropic.com", true, null),

	/** Ollama's native API. */
	OLLAMA("ollama", "org.springframework.ai.ollama.OllamaChatModel", "org.springframework.ai:spring-ai-ollama",
			"http://localhost:11434", false, "org.springframework.ai.ollama.OllamaEmbeddingModel"),

	/**
	 * Google's Gen AI SDK: the Gemini API with an API key, or Vertex AI with a project and
	 * a location (and the application default credentials) instead.
	 */
	GOOGLE_GENAI("google-genai", "org.springframework.ai.google.genai.GoogleGenAiChatModel",
			"org.springframework.ai:spring-ai-google-genai", "https://generativelanguage.googleapis.com", false,
			"org.springframework.ai.google.genai.text.GoogleGenAiTextEmbeddingModel"),

	/**
	 * Amazon Bedrock's Converse API, with AWS credentials (a profile or the default
	 * chain) and a region. Declared on the Boot 3 line (Spring AI 1.1).
	 */
	BEDROCK("bedrock", "org.springframework.ai.bedrock.converse.BedrockProxyChatModel",
			"org.springframework.ai:spring-ai-bedrock-converse", "https://bedrock-runtime.amazonaws.com", false, null);

	private final String id;

	private final String chatModelClass;

	private final String dependency;

	private final String defaultBaseUrl;

	private final boolean apiKeyRequired;

	private final String embeddingModelClass;

	Provider(String id, String chatModelClass, String dependency, String defaultBaseUrl, boolean apiKeyRequired,
			String embeddingModelClass) {
		this.embeddingModelClass = embeddingModelClass;
		this.id = id;
		this.chatModelClass = chatModelClass;
		this.dependency = dependency;
		this.defaultBaseUrl = defaultBaseUrl;
		this.apiKeyRequired = apiKeyRequired;
	}

	/**
	 * Provider of a configured name.
	 * @param name name as configured, such as {@code openai}
	 * @return the provider, if the name is known
	 */
	public static Optional<Provider> named(String name) {
		return Arrays.stream(values()).filter((provider) -> provider.id().equalsIgnoreCase(name)).findFirst();
	}

	/**
	 * Name used in configuration.
	 * @return the name, such as {@code openai}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Whether the provider's Spring AI module is on the classpath.
	 * @param classLoader the application's class loader
	 * @return {@code true} when models of this provider can be built
	 */
	public boolean isAvailable(ClassLoader classLoader) {
		return ClassUtils.isPresent(this.chatModelClass, classLoader);
	}

	/**
	 * Whether models of this provider can be declared on this platform line.
	 * @return {@code false} where the line builds no models of it
	 */
	public boolean isDeclarable() {
		return ProviderLine.DECLARABLE.contains(this);
	}

	/**
	 * Spring AI's chat model class of this provider.
	 * @param classLoader the application's class loader
	 * @return the class
	 * @throws IllegalArgumentException when the provider's module is not on the classpath
	 */
	public Class<?> chatModelType(ClassLoader classLoader) {
		return ClassUtils.resolveClassName(this.chatModelClass, classLoader);
	}

	/**
	 * Name of Spring AI's chat model class of this provider.
	 * @return the class name
	 */
	public String chatModelClassName() {
		return this.chatModelClass;
	}

	/**
	 * Whether embedding models of this provider can be declared under
	 * {@code model-pool.embedding-models} on this platform line.
	 * @return {@code true} for openai and ollama, and google-genai on the Boot 3 line
	 */
	public boolean isEmbeddingDeclarable() {
		return ProviderLine.EMBEDDING_DECLARABLE.contains(this);
	}

	/**
	 * Whether the provider has embedding models Spring AI builds, on some line.
	 * @return {@code true} for openai, ollama and google-genai
	 */
	public boolean hasEmbeddingModels() {
		return this.embeddingModelClass != null;
	}

	/**
	 * Whether the provider's Spring AI module of embedding models is on the classpath.
	 * @param classLoader the application's class loader
	 * @return {@code true} when embedding models of this provider can be built
	 */
	public boolean isEmbeddingAvailable(ClassLoader classLoader) {
		return this.embeddingModelClass != null && ClassUtils.isPresent(this.embeddingModelClass, classLoader);
	}

	/**
	 * Maven coordinates of the provider's Spring AI module of embedding models.
	 * @return the coordinates, such as {@code org.springframework.ai:spring-ai-openai}
	 */
	public String embeddingDependency() {
		return (this == GOOGLE_GENAI) ? "org.springframework.ai:spring-ai-google-genai-embedding" : this.dependency;
	}

	/**
	 * Name of Spring AI's embedding model class of this provider.
	 * @return the class name, or {@code null} when it has none
	 */
	public String embeddingModelClassName() {
		return this.embeddingModelClass;
	}

	/**
	 * Spring AI's embedding model class of this provider.
	 * @param classLoader the application's class loader
	 * @return the class
	 * @throws IllegalStateException when the provider's embedding models cannot be
	 * declared
	 */
	public Class<?> embeddingModelType(ClassLoader classLoader) {
		if (this.embeddingModelClass == null) {
			throw new IllegalStateException(this.id + " embedding models cannot be declared");
		}
		return ClassUtils.resolveClassName(this.embeddingModelClass, classLoader);
	}

	/**
	 * Maven coordinates of the provider's Spring AI module.
	 * @return the coordinates, such as {@code org.springframework.ai:spring-ai-openai}
	 */
	public String dependency() {
		return this.dependency;
	}

	public String defaultBaseUrl() {
		return this.defaultBaseUrl;
	}

	public boolean isApiKeyRequired() {
		return this.apiKeyRequired;
	}

}
