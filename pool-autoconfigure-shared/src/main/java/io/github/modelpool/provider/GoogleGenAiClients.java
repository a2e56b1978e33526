package io.github.modelpool.provider;

import com.google.genai.Client;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;

/**
 * Builds the Google Gen AI SDK client of a declared google-genai model, the same on both
 * lines. Loaded only when Spring AI's Google GenAI module is present.
 */
final class GoogleGenAiClients {

	private GoogleGenAiClients() {
	}

	/**
	 * The client: the Gemini API with the model's key, or Vertex AI with its project, its
	 * location and the application default credentials; one attempt per request (the SDK
	 * would retry 429 and 5xx five times by default, inside one member); read-timeout as
	 * the time limit of the whole request.
	 * @param modelProperty the model's property prefix, such as
	 * {@code model-pool.models.<id>}, for the message of a missing credential
	 * @param properties its properties, validated at startup
	 * @return the client
	 * @throws IllegalStateException when Vertex AI is asked for and no credentials are found
	 */
	static Client create(String modelProperty, DeclaredModelProperties properties) {
		HttpOptions.Builder http = HttpOptions.builder()
			.retryOptions(HttpRetryOptions.builder().attempts(1).build());
		if (properties.getBaseUrl() != null && !properties.getBaseUrl().isBlank()) {
			http.baseUrl(properties.getBaseUrl());
		}
		if (properties.getReadTimeout() != null) {
			http.timeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, properties.getReadTimeout().toMillis())));
		}
		Client.Builder client = Client.builder().httpOptions(http.build());
		if (!properties.servedByVertexAi()) {
			return client.apiKey(properties.getApiKey()).build();
		}
		try {
			return client.vertexAI(true).project(properties.getProjectId()).location(properties.getLocation()).build();
		}
		catch (GenAiIOException ex) {
			throw new IllegalStateException(modelProperty + " is served by Vertex AI (project-id '"
					+ properties.getProjectId() + "') and needs Google application default credentials, which were "
					+ "not found: set GOOGLE_APPLICATION_CREDENTIALS or run 'gcloud auth application-default login', "
					+ "or give an api-key for the Gemini API instead", ex);
		}
	}

}
