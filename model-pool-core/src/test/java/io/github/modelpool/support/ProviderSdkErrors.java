package io.github.modelpool.support;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The service exceptions the providers' own SDKs throw, built with the SDKs' public
 * constructors and builders as the SDKs build them from a provider's error answer.
 */
public final class ProviderSdkErrors {

	private ProviderSdkErrors() {
	}

	/**
	 * Google Gen AI SDK (Gemini API, Vertex AI): {@code ClientException} for 4xx,
	 * {@code ServerException} for 5xx.
	 * @param code the HTTP status
	 * @param status the Google status, such as {@code RESOURCE_EXHAUSTED}
	 * @param message the error message
	 * @return the exception
	 */
	public static RuntimeException gemini(int code, String status, String message) {
		return (code < 500) ? new ClientException(code, status, message) : new ServerException(code, status, message);
	}

	/**
	 * AWS SDK v2 (Bedrock): a service exception with its error code and HTTP answer.
	 * @param status the HTTP status
	 * @param errorCode the AWS error code, such as {@code ThrottlingException}
	 * @param message the error message
	 * @param headers response headers
	 * @return the exception
	 */
	public static RuntimeException bedrock(int status, String errorCode, String message, Map<String, String> headers) {
		SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
		headers.forEach(response::putHeader);
		return AwsServiceException.builder()
			.statusCode(status)
			.message(message)
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode(errorCode)
				.errorMessage(message)
				.serviceName("BedrockRuntime")
				.sdkHttpResponse(response.build())
				.build())
			.build();
	}

	/**
	 * azure-core (Azure OpenAI): an {@code HttpResponseException} whose message carries the
	 * error body, as the Azure SDK's clients throw it.
	 * @param status the HTTP status
	 * @param body the error body
	 * @param headers response headers
	 * @return the exception
	 */
	public static RuntimeException azure(int status, String body, Map<String, String> headers) {
		HttpRequest request = new HttpRequest(HttpMethod.POST,
				"https://example.openai.azure.com/openai/deployments/gpt/chat/completions");
		return new HttpResponseException("Status code " + status + ", \"" + body + "\"",
				new FixedResponse(request, status, body, headers));
	}

	/**
	 * gax (Vertex AI Gemini over gRPC): an {@code ApiException} with its gRPC code.
	 * @param code the gRPC code
	 * @param message the error message
	 * @return the exception
	 */
	public static RuntimeException vertex(StatusCode.Code code, String message) {
		StatusCode statusCode = new StatusCode() {

			@Override
			public Code getCode() {
				return code;
			}

			@Override
			public Object getTransportCode() {
				return code.name();
			}

		};
		return new ApiException(code.name() + ": " + message, null, statusCode, false);
	}

	/**
	 * An answer with a fixed status, headers and body.
	 */
	private static final class FixedResponse extends HttpResponse {

		private final int status;

		private final String body;

		private final HttpHeaders headers = new HttpHeaders();

		FixedResponse(HttpRequest request, int status, String body, Map<String, String> headers) {
			super(request);
			this.status = status;
			this.body = body;
			headers.forEach((name, value) -> this.headers.set(HttpHeaderName.fromString(name), value));
		}

		@Override
		public int getStatusCode() {
			return this.status;
		}

		@Override
		@Deprecated
		public String getHeaderValue(String name) {
			return this.headers.getValue(HttpHeaderName.fromString(name));
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public Flux<ByteBuffer> getBody() {
			return Flux.just(ByteBuffer.wrap(this.body.getBytes(StandardCharsets.UTF_8)));
		}

		@Override
		public Mono<byte[]> getBodyAsByteArray() {
			return Mono.just(this.body.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public Mono<String> getBodyAsString() {
			return Mono.just(this.body);
		}

		@Override
		public Mono<String> getBodyAsString(Charset charset) {
			return Mono.just(this.body);
		}

	}

}
