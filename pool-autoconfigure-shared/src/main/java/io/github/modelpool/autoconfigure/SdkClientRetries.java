package io.github.modelpool.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.ai.chat.model.ChatModel;

/**
 * Provider SDK clients inside Spring AI chat models that retry failed requests by
 * themselves, 429 included, with no Spring AI property to turn it off. Each reads the
 * attempts per request of a model's client by reflection (the pool needs none of the
 * SDKs), from where Spring AI and the SDK keep them.
 */
enum SdkClientRetries {

	/** Google's Gen AI SDK (Gemini API, Vertex AI): five attempts unless told otherwise. */
	GOOGLE_GENAI("org.springframework.ai.google.genai.GoogleGenAiChatModel", "Google's Gen AI SDK",
			"define the com.google.genai.Client bean with HttpOptions.builder().retryOptions("
					+ "HttpRetryOptions.builder().attempts(1))",
			Set.of("com.google.genai.Client", "com.google.genai.ApiClient", "com.google.genai.types.HttpOptions",
					"com.google.genai.types.HttpRetryOptions")) {

		/** Attempts of a client built without retry options. */
		private static final int SDK_DEFAULT_ATTEMPTS = 5;

		@Override
		int attempts(ChatModel chatModel) throws ReflectiveOperationException {
			ClassLoader classLoader = chatModel.getClass().getClassLoader();
			Object httpOptions = fieldValue(fieldValue(fieldValue(chatModel, "genAiClient"), "apiClient"),
					"httpOptions");
			Optional<?> retryOptions = (Optional<?>) method(classLoader, "com.google.genai.types.HttpOptions",
					"retryOptions")
				.invoke(httpOptions);
			if (retryOptions.isEmpty()) {
				return SDK_DEFAULT_ATTEMPTS;
			}
			Optional<?> attempts = (Optional<?>) method(classLoader, "com.google.genai.types.HttpRetryOptions",
					"attempts")
				.invoke(retryOptions.get());
			return attempts.map(Integer.class::cast).orElse(SDK_DEFAULT_ATTEMPTS);
		}

	},

	/**
	 * The AWS SDK (Bedrock): the client's resolved retry strategy, four attempts in its
	 * default (legacy) mode.
	 */
	BEDROCK("org.springframework.ai.bedrock.converse.BedrockProxyChatModel", "the AWS SDK",
			"build its BedrockRuntimeClient and BedrockRuntimeAsyncClient with overrideConfiguration((config) -> "
					+ "config.retryStrategy(AwsRetryStrategy.doNotRetry()))",
			Set.of("software.amazon.awssdk.core.SdkClient", "software.amazon.awssdk.core.SdkServiceClientConfiguration",
					"software.amazon.awssdk.core.client.config.ClientOverrideConfiguration",
					"software.amazon.awssdk.retries.api.RetryStrategy")) {

		@Override
		int attempts(ChatModel chatModel) throws ReflectiveOperationException {
			ClassLoader classLoader = chatModel.getClass().getClassLoader();
			Method configuration = method(classLoader, "software.amazon.awssdk.core.SdkClient",
					"serviceClientConfiguration");
			Method override = method(classLoader, "software.amazon.awssdk.core.SdkServiceClientConfiguration",
					"overrideConfiguration");
			Method strategy = method(classLoader, "software.amazon.awssdk.core.client.config.ClientOverrideConfiguration",
					"retryStrategy");
			Method maxAttempts = method(classLoader, "software.amazon.awssdk.retries.api.RetryStrategy", "maxAttempts");
			int most = 1;
			for (String client : new String[] { "bedrockRuntimeClient", "bedrockRuntimeAsyncClient" }) {
				Optional<?> retryStrategy = (Optional<?>) strategy
					.invoke(override.invoke(configuration.invoke(fieldValue(chatModel, client))));
				if (retryStrategy.isPresent()) {
					most = Math.max(most, (Integer) maxAttempts.invoke(retryStrategy.get()));
				}
			}
			return most;
		}

	},

	/** The Azure SDK (Azure OpenAI): the retry policy of the client's HTTP pipeline. */
	AZURE_OPENAI("org.springframework.ai.azure.openai.AzureOpenAiChatModel", "the Azure SDK",
			"give its OpenAIClientBuilder retryOptions(new RetryOptions(new FixedDelayOptions(0, "
					+ "Duration.ofMillis(1)))), for instance in an AzureOpenAIClientBuilderCustomizer bean",
			Set.of("com.azure.ai.openai.OpenAIClient", "com.azure.ai.openai.implementation.OpenAIClientImpl",
					"com.azure.core.http.HttpPipeline", "com.azure.core.http.policy.RetryPolicy",
					"com.azure.core.http.policy.RetryStrategy")) {

		@Override
		int attempts(ChatModel chatModel) throws ReflectiveOperationException {
			ClassLoader classLoader = chatModel.getClass().getClassLoader();
			Object pipeline = method(classLoader, "com.azure.ai.openai.implementation.OpenAIClientImpl",
					"getHttpPipeline")
				.invoke(fieldValue(fieldValue(chatModel, "openAIClient"), "serviceClient"));
			Class<?> pipelineType = Class.forName("com.azure.core.http.HttpPipeline", false, classLoader);
			Class<?> retryPolicy = Class.forName("com.azure.core.http.policy.RetryPolicy", false, classLoader);
			Method maxRetries = method(classLoader, "com.azure.core.http.policy.RetryStrategy", "getMaxRetries");
			int policies = (Integer) pipelineType.getMethod("getPolicyCount").invoke(pipeline);
			for (int i = 0; i < policies; i++) {
				Object policy = pipelineType.getMethod("getPolicy", int.class).invoke(pipeline, i);
				if (retryPolicy.isInstance(policy)) {
					return 1 + (Integer) maxRetries.invoke(fieldValue(policy, "retryStrategy"));
				}
			}
			return 1;
		}

	};

	private final String chatModelClass;

	private final String sdk;

	private final String remedy;

	/** The SDK's types whose fields or public methods are read, besides the chat model's. */
	private final Set<String> reads;

	SdkClientRetries(String chatModelClass, String sdk, String remedy, Set<String> reads) {
		this.chatModelClass = chatModelClass;
		this.sdk = sdk;
		this.remedy = remedy;
		this.reads = reads;
	}

	/**
	 * Every type read by reflection, chat models included, by name.
	 * @return the type names
	 */
	static Set<String> reflectedTypes() {
		Set<String> names = new TreeSet<>();
		for (SdkClientRetries retries : values()) {
			names.add(retries.chatModelClass);
			names.addAll(retries.reads);
		}
		return names;
	}

	/**
	 * The SDK's name, as a warning names it.
	 * @return the name, such as {@code the AWS SDK}
	 */
	String sdk() {
		return this.sdk;
	}

	/**
	 * How a model of this kind, defined as a bean, is given one attempt per request.
	 * @return the remedy
	 */
	String remedy() {
		return this.remedy;
	}

	/**
	 * The attempts per request of a model's SDK client.
	 * @param chatModel any chat model
	 * @return the attempts, empty when the model is none of these or its client cannot be
	 * read
	 */
	static Optional<Reading> of(ChatModel chatModel) {
		for (SdkClientRetries retries : values()) {
			if (retries.isModel(chatModel.getClass())) {
				return retries.read(chatModel);
			}
		}
		return Optional.empty();
	}

	private Optional<Reading> read(ChatModel chatModel) {
		try {
			return Optional.of(new Reading(this, attempts(chatModel)));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	abstract int attempts(ChatModel chatModel) throws ReflectiveOperationException;

	private boolean isModel(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (this.chatModelClass.equals(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

	private static Method method(ClassLoader classLoader, String type, String name)
			throws ReflectiveOperationException {
		return Class.forName(type, false, classLoader).getMethod(name);
	}

	/**
	 * A private field's value, declared by the object's class or a superclass.
	 */
	static Object fieldValue(Object target, String name) throws ReflectiveOperationException {
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

	/**
	 * What a model's SDK client does.
	 *
	 * @param sdk the SDK
	 * @param attempts its attempts per request
	 */
	record Reading(SdkClientRetries sdk, int attempts) {
	}

}
