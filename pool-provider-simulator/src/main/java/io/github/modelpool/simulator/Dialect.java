package io.github.modelpool.simulator;

/**
 * A provider API the simulator speaks. Each is spoken by its {@link Protocol}: its path,
 * its answers, its stream events and its error bodies.
 */
public enum Dialect {

	/** OpenAI chat completions ({@code /v1/chat/completions}). */
	OPENAI(new OpenAiProtocol()),

	/** Anthropic messages ({@code /v1/messages}). */
	ANTHROPIC(new AnthropicProtocol()),

	/**
	 * The Gemini API ({@code /v1beta/models/{model}:generateContent}, streamed by
	 * {@code :streamGenerateContent?alt=sse}), as Google's Gen AI SDK calls it.
	 */
	GEMINI(new GeminiProtocol()),

	/** Azure OpenAI deployments ({@code /openai/deployments/{deployment}/chat/completions}). */
	AZURE_OPENAI(new AzureOpenAiProtocol()),

	/**
	 * Amazon Bedrock's Converse API ({@code /model/{modelId}/converse} and
	 * {@code /converse-stream} in the AWS event-stream framing), as the AWS SDK calls it.
	 */
	BEDROCK(new BedrockProtocol()),

	/** MiniMax's chat completions ({@code /v1/text/chatcompletion_v2}). */
	MINIMAX(new MiniMaxProtocol()),

	/** Ollama's native chat API ({@code /api/chat}), streaming newline-delimited JSON. */
	OLLAMA(new OllamaProtocol());

	private final Protocol protocol;

	Dialect(Protocol protocol) {
		this.protocol = protocol;
	}

	/**
	 * Path of the chat endpoint, below a member's base URL, as documented.
	 * @return the path
	 */
	public String path() {
		return this.protocol.path();
	}

	Protocol protocol() {
		return this.protocol;
	}

}
