package io.github.modelpool.provider;

import java.net.http.HttpClient;

import io.github.modelpool.failure.StatusPreservingResponseErrorHandler;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds declared Ollama models on Spring AI's RestClient- and WebClient-based Ollama
 * API. Loaded only when Spring AI's Ollama module (and with it Spring's web clients) is
 * present.
 */
final class OllamaModels {

	private OllamaModels() {
	}

	static ChatModel create(DeclaredModelProperties properties, ModelClients clients) {
		OllamaApi api = api(properties, clients);
		return OllamaChatModel.builder()
			.ollamaApi(api)
			.options(OllamaOptions.of(properties))
			.retryTemplate(new RetryTemplate(RetryPolicy.builder()
				.maxRetries(properties.getMaxAttempts() - 1)
				.includes(TransientAiException.class, ResourceAccessException.class)
				.delay(properties.getRetryBackoff())
				.multiplier(1)
				.build()))
			.observationRegistry(clients.observationRegistry())
			.build();
	}

	/**
	 * A declared embedding model. Ollama answers its model's own vector length.
	 */
	static EmbeddingModel createEmbedding(DeclaredEmbeddingModelProperties properties, ModelClients clients) {
		return OllamaEmbeddingModel.builder()
			.ollamaApi(api(properties, clients))
			.options(OllamaEmbeddingOptions.builder().model(properties.getModel()).build())
			.observationRegistry(clients.observationRegistry())
			.build();
	}

	/**
	 * Ollama's API with the application's client builders, the model's timeouts and the
	 * status-preserving error handler.
	 */
	private static OllamaApi api(DeclaredModelProperties properties, ModelClients clients) {
		RestClient.Builder restClient = clients.beanFactory()
			.getBeanProvider(RestClient.Builder.class)
			.getIfAvailable(RestClient::builder);
		WebClient.Builder webClient = clients.beanFactory()
			.getBeanProvider(WebClient.Builder.class)
			.getIfAvailable(WebClient::builder);
		if (properties.getConnectTimeout() != null || properties.getReadTimeout() != null) {
			HttpClient.Builder http = HttpClient.newBuilder();
			if (properties.getConnectTimeout() != null) {
				http.connectTimeout(properties.getConnectTimeout());
			}
			HttpClient httpClient = http.build();
			JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
			JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
			if (properties.getReadTimeout() != null) {
				requestFactory.setReadTimeout(properties.getReadTimeout());
				connector.setReadTimeout(properties.getReadTimeout());
			}
			restClient.requestFactory(requestFactory);
			webClient.clientConnector(connector);
		}
		return OllamaApi.builder()
			.baseUrl(properties.effectiveBaseUrl(Provider.OLLAMA))
			.restClientBuilder(restClient)
			.webClientBuilder(webClient)
			.responseErrorHandler(StatusPreservingResponseErrorHandler.likeSpringAiDefaults())
			.build();
	}

}
