package io.github.modelpool.provider;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A chat model declared in configuration, built by the starter with Spring AI's own
 * builders. The annotation only documents the properties in the configuration
 * metadata; models are bound as part of the {@code model-pool} properties.
 */
@ConfigurationProperties(prefix = "model-pool.models.*")
public class DeclaredModelProperties {

	/**
	 * Provider of the model: openai (also for OpenAI-compatible servers), anthropic,
	 * ollama, google-genai (Gemini API, or Vertex AI with project-id and location) or
	 * bedrock (Amazon Bedrock's Converse API; Boot 3 line).
	 */
	private String provider;

	/**
	 * Base URL of the provider's API. When unset, the provider's public endpoint
	 * (Ollama: http://localhost:11434; google-genai: the Gemini API, or the location's
	 * Vertex AI endpoint).
	 */
	private String baseUrl;

	/**
	 * API key sent to the provider. Required for openai and anthropic; for google-genai,
	 * the Gemini API key (or leave it unset and give project-id and location for Vertex
	 * AI). Never logged or shown by actuator endpoints.
	 */
	private String apiKey;

	/**
	 * Google Cloud project of a google-genai model served by Vertex AI instead of the
	 * Gemini API; needs location, and takes the application default credentials.
	 */
	private String projectId;

	/**
	 * Google Cloud location (region) of a google-genai model served by Vertex AI, such
	 * as us-central1 or global.
	 */
	private String location;

	/**
	 * AWS region of a bedrock model, such as us-east-1. When unset, the default AWS region
	 * chain (AWS_REGION, the profile's region, ...).
	 */
	private String region;

	/**
	 * AWS profile whose credentials a bedrock model signs its requests with. When unset,
	 * the default AWS credentials chain.
	 */
	private String profile;

	/**
	 * Model name sent with every call through this model.
	 */
	private String model;

	/**
	 * Connect timeout of the model's HTTP client. When unset, the client's default. Not
	 * for google-genai models, whose SDK has one limit for the whole request
	 * (read-timeout).
	 */
	private Duration connectTimeout;

	/**
	 * Read timeout of the model's HTTP client (on Spring AI 2.0's OpenAI and Anthropic
	 * models, their request timeout; on google-genai models, the time limit of the whole
	 * request, streams included), so no blocking call waits forever; a timeout fails the
	 * call over. Streams are also limited by the pool's own timeouts.
	 */
	private Duration readTimeout = Duration.ofSeconds(120);

	/**
	 * Attempts per call by the model's own HTTP retry for transient errors, the first
	 * included. Leave it at 1: the pool retries its members itself
	 * ({@code model-pool.pools.*.retry}), and one retry loop is enough. Applies to
	 * openai, anthropic and ollama on Spring AI 1.1 and to ollama on Spring AI 2.0; the
	 * models built on a provider's SDK (openai and anthropic on Spring AI 2.0, google-genai
	 * and bedrock) always make one attempt, as their SDKs would retry 429 too.
	 */
	private int maxAttempts = 1;

	/**
	 * Wait between two attempts.
	 */
	private Duration retryBackoff = Duration.ofMillis(500);

	/**
	 * Requests per minute the provider account allows; every pool member over this model
	 * shares the budget. When unset, the limit is learned from the provider's answers.
	 */
	private Long rpm;

	/**
	 * Tokens (prompt and answer) per minute the provider account allows, shared like
	 * {@code rpm}.
	 */
	private Long tpm;

	/**
	 * Default options sent with every call; a prompt's own portable options win.
	 */
	private final Options options = new Options();

	public String getProvider() {
		return this.provider;
	}

	public void setProvider(String provider) {
		this.provider = provider;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(String projectId) {
		this.projectId = projectId;
	}

	public String getLocation() {
		return this.location;
	}

	public void setLocation(String location) {
		this.location = location;
	}

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public String getProfile() {
		return this.profile;
	}

	public void setProfile(String profile) {
		this.profile = profile;
	}

	/**
	 * Whether this is a google-genai model served by Vertex AI: it names a project and no
	 * API key.
	 * @return {@code true} for Vertex AI
	 */
	public boolean servedByVertexAi() {
		return !hasText(this.apiKey) && hasText(this.projectId);
	}

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getRetryBackoff() {
		return this.retryBackoff;
	}

	public void setRetryBackoff(Duration retryBackoff) {
		this.retryBackoff = retryBackoff;
	}

	public Options getOptions() {
		return this.options;
	}

	/**
	 * Base URL in effect: the configured one, else the provider's default.
	 * @param provider the provider
	 * @return the base URL
	 */
	public String effectiveBaseUrl(Provider provider) {
		if (hasText(this.baseUrl)) {
			return this.baseUrl;
		}
		if (provider == Provider.GOOGLE_GENAI && servedByVertexAi() && hasText(this.location)) {
			return "global".equals(this.location) ? "https://aiplatform.googleapis.com"
					: "https://" + this.location + "-aiplatform.googleapis.com";
		}
		if (provider == Provider.BEDROCK && hasText(this.region)) {
			return "https://bedrock-runtime." + this.region + ".amazonaws.com";
		}
		return provider.defaultBaseUrl();
	}

	public Long getRpm() {
		return this.rpm;
	}

	public void setRpm(Long rpm) {
		this.rpm = rpm;
	}

	public Long getTpm() {
		return this.tpm;
	}

	public void setTpm(Long tpm) {
		this.tpm = tpm;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public String toString() {
		// Keeps the API key out of any log line or message that prints the properties.
		return "DeclaredModelProperties[provider=" + this.provider + ", model=" + this.model + "]";
	}

	/**
	 * Portable chat options.
	 */
	public static class Options {

		/**
		 * Sampling temperature.
		 */
		private Double temperature;

		/**
		 * Most tokens generated per answer. Anthropic models default to 500.
		 */
		private Integer maxTokens;

		/**
		 * Nucleus sampling probability mass.
		 */
		private Double topP;

		/**
		 * Number of most likely tokens sampled from (Anthropic and Ollama only).
		 */
		private Integer topK;

		/**
		 * Sequences that end the answer.
		 */
		private List<String> stopSequences;

		/**
		 * Penalty for tokens by how often they already appeared (OpenAI and Ollama only).
		 */
		private Double frequencyPenalty;

		/**
		 * Penalty for tokens that already appeared (OpenAI and Ollama only).
		 */
		private Double presencePenalty;

		public Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(Double temperature) {
			this.temperature = temperature;
		}

		public Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public Double getTopP() {
			return this.topP;
		}

		public void setTopP(Double topP) {
			this.topP = topP;
		}

		public Integer getTopK() {
			return this.topK;
		}

		public void setTopK(Integer topK) {
			this.topK = topK;
		}

		public List<String> getStopSequences() {
			return this.stopSequences;
		}

		public void setStopSequences(List<String> stopSequences) {
			this.stopSequences = stopSequences;
		}

		public Double getFrequencyPenalty() {
			return this.frequencyPenalty;
		}

		public void setFrequencyPenalty(Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
		}

		public Double getPresencePenalty() {
			return this.presencePenalty;
		}

		public void setPresencePenalty(Double presencePenalty) {
			this.presencePenalty = presencePenalty;
		}

	}

}
