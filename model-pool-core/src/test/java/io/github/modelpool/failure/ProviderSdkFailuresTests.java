package io.github.modelpool.failure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import com.google.api.gax.rpc.StatusCode.Code;
import io.github.modelpool.support.ProviderSdkErrors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The service exceptions of the Google Gen AI SDK (Gemini), the AWS SDK (Bedrock),
 * azure-core (Azure OpenAI) and gax (Vertex AI Gemini) are classified like OpenAI's: by
 * status, provider error code and message, read by reflection.
 */
class ProviderSdkFailuresTests {

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	static Stream<Arguments> failures() {
		return Stream.of(
				arguments("Gemini 429", ProviderSdkErrors.gemini(429, "RESOURCE_EXHAUSTED", "Quota exceeded"),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Gemini 503 overloaded",
						ProviderSdkErrors.gemini(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Gemini bad key (400)",
						ProviderSdkErrors.gemini(400, "INVALID_ARGUMENT",
								"API key not valid. Please pass a valid API key."),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Gemini 403", ProviderSdkErrors.gemini(403, "PERMISSION_DENIED", "Permission denied"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Gemini unknown model", ProviderSdkErrors.gemini(404, "NOT_FOUND", "models/x is not found"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Gemini 500", ProviderSdkErrors.gemini(500, "INTERNAL", "Internal error"),
						FailureKind.TRANSIENT, FailureDetail.NONE),
				arguments("Gemini bad option", ProviderSdkErrors.gemini(400, "INVALID_ARGUMENT",
						"Invalid value at 'generation_config.temperature'"), FailureKind.REQUEST, FailureDetail.NONE),
				arguments("Gemini context length",
						ProviderSdkErrors.gemini(400, "INVALID_ARGUMENT",
								"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."),
						FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH),
				arguments("Bedrock throttling", bedrock(429, "ThrottlingException", "Too many requests"),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Bedrock service quota (400)",
						bedrock(400, "ServiceQuotaExceededException", "Your request exceeds the service quota"),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Bedrock model not ready", bedrock(429, "ModelNotReadyException", "Model is not ready"),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Bedrock access denied", bedrock(403, "AccessDeniedException", "Access denied"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Bedrock unknown model", bedrock(404, "ResourceNotFoundException", "Model not found"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Bedrock bad credentials",
						bedrock(403, "UnrecognizedClientException", "The security token is invalid"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Bedrock validation", bedrock(400, "ValidationException", "Malformed input request"),
						FailureKind.REQUEST, FailureDetail.NONE),
				arguments("Bedrock too long",
						bedrock(400, "ValidationException", "Input is too long for requested model."),
						FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH),
				arguments("Bedrock model timeout", bedrock(408, "ModelTimeoutException", "Model timed out"),
						FailureKind.TRANSIENT, FailureDetail.NONE),
				arguments("Bedrock unavailable", bedrock(503, "ServiceUnavailableException", "Service unavailable"),
						FailureKind.TRANSIENT, FailureDetail.NONE),
				arguments("Bedrock internal", bedrock(500, "InternalServerException", "Internal server error"),
						FailureKind.TRANSIENT, FailureDetail.NONE),
				arguments("Bedrock model stream error",
						bedrock(424, "ModelStreamErrorException", "The model stream failed"), FailureKind.TRANSIENT,
						FailureDetail.NONE),
				arguments("Azure 429", ProviderSdkErrors.azure(429, "{\"error\":{\"code\":\"429\"}}", Map.of()),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Azure unknown deployment",
						ProviderSdkErrors.azure(404, "{\"error\":{\"code\":\"DeploymentNotFound\"}}", Map.of()),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Azure context length",
						ProviderSdkErrors.azure(400, "{\"error\":{\"code\":\"context_length_exceeded\"}}", Map.of()),
						FailureKind.REQUEST, FailureDetail.CONTEXT_LENGTH),
				arguments("Azure 500", ProviderSdkErrors.azure(500, "{\"error\":{}}", Map.of()), FailureKind.TRANSIENT,
						FailureDetail.NONE),
				arguments("Vertex resource exhausted", ProviderSdkErrors.vertex(Code.RESOURCE_EXHAUSTED, "Quota"),
						FailureKind.QUOTA, FailureDetail.NONE),
				arguments("Vertex unauthenticated", ProviderSdkErrors.vertex(Code.UNAUTHENTICATED, "No credentials"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Vertex permission denied", ProviderSdkErrors.vertex(Code.PERMISSION_DENIED, "Denied"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Vertex not found", ProviderSdkErrors.vertex(Code.NOT_FOUND, "Model not found"),
						FailureKind.PERMANENT, FailureDetail.NONE),
				arguments("Vertex invalid argument", ProviderSdkErrors.vertex(Code.INVALID_ARGUMENT, "Bad request"),
						FailureKind.REQUEST, FailureDetail.NONE),
				arguments("Vertex failed precondition",
						ProviderSdkErrors.vertex(Code.FAILED_PRECONDITION, "Precondition"), FailureKind.REQUEST,
						FailureDetail.NONE),
				arguments("Vertex unavailable", ProviderSdkErrors.vertex(Code.UNAVAILABLE, "Unavailable"),
						FailureKind.TRANSIENT, FailureDetail.NONE),
				arguments("Vertex deadline", ProviderSdkErrors.vertex(Code.DEADLINE_EXCEEDED, "Deadline"),
						FailureKind.TRANSIENT, FailureDetail.NONE),
				arguments("Vertex internal", ProviderSdkErrors.vertex(Code.INTERNAL, "Internal"),
						FailureKind.TRANSIENT, FailureDetail.NONE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void eachProvidersServiceExceptionsAreClassifiedByStatusCodeAndMessage(String name, RuntimeException error,
			FailureKind kind, FailureDetail detail) {
		Failure failure = this.classifier.classify(error);
		assertThat(failure.kind()).isEqualTo(kind);
		assertThat(failure.detail()).isEqualTo(detail);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void theyAreReadAlsoWhenAStreamWrapsThem(String name, RuntimeException error, FailureKind kind,
			FailureDetail detail) {
		assertThat(this.classifier.classify(new CompletionException(error)).kind()).isEqualTo(kind);
	}

	@Test
	void geminiRetryDelayInTheErrorBodyIsTheRetryAfter() {
		Failure failure = this.classifier.classify(ProviderSdkErrors.gemini(429, "RESOURCE_EXHAUSTED",
				"Quota exceeded. {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"21s\"}"));
		assertThat(failure.kind()).isEqualTo(FailureKind.QUOTA);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(21));
	}

	@Test
	void bedrockAndAzureRetryAfterHeadersAreRead() {
		assertThat(this.classifier
			.classify(ProviderSdkErrors.bedrock(429, "ThrottlingException", "Too many requests",
					Map.of("Retry-After", "3")))
			.retryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.classifier
			.classify(ProviderSdkErrors.azure(429, "{}", Map.of("retry-after-ms", "1500")))
			.retryAfter()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void anAwsClientWithoutCredentialsIsPermanentlyBroken() {
		SdkClientException noCredentials = SdkClientException.create("Unable to load credentials from any of the "
				+ "providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...])");
		assertThat(this.classifier.classify(new RuntimeException("wrapped", noCredentials)).kind())
			.isEqualTo(FailureKind.PERMANENT);
		assertThat(this.classifier.classify(SdkClientException.create("Unable to execute HTTP request")).kind())
			.isEqualTo(FailureKind.TRANSIENT);
	}

	private static RuntimeException bedrock(int status, String errorCode, String message) {
		return ProviderSdkErrors.bedrock(status, errorCode, message, Map.of());
	}

}
