package io.github.modelpool.failure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import io.github.modelpool.support.FakeTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.beans.NotWritablePropertyException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultFailureClassifierTests {

	private final FakeTime time = new FakeTime();

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier(this.time);

	@ParameterizedTest
	@CsvSource({ "429, QUOTA", "529, QUOTA", "401, PERMANENT", "403, PERMANENT", "404, PERMANENT",
			"400, REQUEST", "413, REQUEST", "422, REQUEST", "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT",
			"408, TRANSIENT" })
	void springAiAutoConfiguredMessageShapeIsClassifiedByStatus(int status, FailureKind kind) {
		RuntimeException error = (status < 500) ? new NonTransientAiException("HTTP " + status + " - {\"error\":{}}")
				: new TransientAiException("HTTP " + status + " - {\"error\":{}}");
		assertThat(this.classifier.classify(error)).isEqualTo(new Failure(kind, status, null));
	}

	@Test
	void springAiPlainBuilderMessageShapeIsClassifiedByStatus() {
		assertThat(this.classifier.classify(new NonTransientAiException("429 - {\"error\":\"rate\"}")).kind())
			.isEqualTo(FailureKind.QUOTA);
		assertThat(this.classifier.classify(new NonTransientAiException("401 - Incorrect API key provided")))
			.isEqualTo(new Failure(FailureKind.PERMANENT, 401, null));
	}

	@Test
	void statusLikeMessageOfAnUnrelatedExceptionIsNotReadAsAStatus() {
		assertThat(this.classifier.classify(new IllegalStateException("429 - something else")).status()).isNull();
	}

	@Test
	void overloadedServerErrorIsQuota() {
		assertThat(this.classifier.classify(new TransientAiException(
				"HTTP 503 - {\"error\":{\"message\":\"The engine is currently overloaded\"}}")).kind())
			.isEqualTo(FailureKind.QUOTA);
	}

	@Test
	void badRequestNamingAMissingModelIsPermanent() {
		assertThat(this.classifier
			.classify(new NonTransientAiException("HTTP 400 - {\"error\":{\"code\":\"model_not_found\"}}"))
			.kind()).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void restClientResponseExceptionKeepsStatusAndRetryAfterSeconds() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "17");
		HttpClientErrorException error = HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS,
				"Too Many Requests", headers, "{}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
		assertThat(this.classifier.classify(error))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(17)));
	}

	@Test
	void webClientResponseExceptionKeepsStatusAndRetryAfterDate() {
		HttpHeaders headers = new HttpHeaders();
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(this.time.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
		headers.set(HttpHeaders.RETRY_AFTER, inTwoMinutes);
		WebClientResponseException error = WebClientResponseException.create(429, "Too Many Requests", headers,
				new byte[0], StandardCharsets.UTF_8);
		assertThat(this.classifier.classify(error))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(120)));
	}

	@Test
	void retryAfterMillisecondsHeaderIsRead() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("retry-after-ms", "1500");
		WebClientResponseException error = WebClientResponseException.create(429, "Too Many Requests", headers,
				new byte[0], StandardCharsets.UTF_8);
		assertThat(this.classifier.classify(error).retryAfter()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void retryHintInTheBodyIsReadWhenHeadersWereLost() {
		Failure failure = this.classifier.classify(new NonTransientAiException(
				"HTTP 429 - {\"error\":{\"message\":\"Rate limit reached. Please try again in 20s.\"}}"));
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void anthropicStreamingMessageShapeIsClassifiedByStatus() {
		RuntimeException error = new RuntimeException(
				"Response exception, Status: [429 TOO_MANY_REQUESTS], Body:[{\"type\":\"error\"}]");
		assertThat(this.classifier.classify(error)).isEqualTo(new Failure(FailureKind.QUOTA, 429, null));
		assertThat(this.classifier
			.classify(new RuntimeException("Response exception, Status: [401 UNAUTHORIZED], Body:[{}]"))
			.kind()).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void advisorWrappedErrorsAreUnwrapped() {
		RuntimeException error = new IllegalStateException("Stream processing failed",
				new RuntimeException("Response exception, Status: [529 ], Body:[overloaded]"));
		assertThat(this.classifier.classify(error).kind()).isEqualTo(FailureKind.QUOTA);
	}

	@Test
	void timeoutsAndConnectionErrorsAreTransient() {
		assertThat(this.classifier.classify(new ResourceAccessException("I/O error", new SocketTimeoutException()))
			.kind()).isEqualTo(FailureKind.TRANSIENT);
		assertThat(this.classifier.classify(new RuntimeException(new TimeoutException())).kind())
			.isEqualTo(FailureKind.TRANSIENT);
		assertThat(this.classifier.classify(new IllegalStateException(new ConnectException("refused"))).kind())
			.isEqualTo(FailureKind.TRANSIENT);
		assertThat(this.classifier.classify(new IOException("Connection prematurely closed DURING response"))
			.kind()).isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void cancellationsAreCancelled() {
		assertThat(this.classifier.classify(new CancellationException()).kind()).isEqualTo(FailureKind.CANCELLED);
		assertThat(this.classifier.classify(new RuntimeException(new InterruptedException())).kind())
			.isEqualTo(FailureKind.CANCELLED);
	}

	@Test
	void contextLengthAndContentFilterWithoutStatusAreRequestErrors() {
		assertThat(this.classifier.classify(new IllegalArgumentException("context_length_exceeded")).kind())
			.isEqualTo(FailureKind.REQUEST);
		assertThat(this.classifier.classify(new IllegalStateException("finish reason content_filter")).kind())
			.isEqualTo(FailureKind.REQUEST);
	}

	@Test
	void unknownErrorsAreTransient() {
		assertThat(this.classifier.classify(new NullPointerException()).kind()).isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void providerHttpErrorIsClassifiedFromItsStatusAndHeaders() {
		class StatusError extends RuntimeException implements ProviderHttpError {

			@Override
			public int statusCode() {
				return 429;
			}

			@Override
			public String responseHeader(String name) {
				return "Retry-After".equalsIgnoreCase(name) ? "5" : null;
			}

			@Override
			public String responseBody() {
				return "";
			}

		}
		assertThat(this.classifier.classify(new IllegalStateException(new StatusError())))
			.isEqualTo(new Failure(FailureKind.QUOTA, 429, Duration.ofSeconds(5)));
	}

	@Test
	void retryAfterIsOnlyReportedForQuotaFailures() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		WebClientResponseException error = WebClientResponseException.create(503, "Unavailable", headers,
				new byte[0], StandardCharsets.UTF_8);
		assertThat(this.classifier.classify(error)).isEqualTo(new Failure(FailureKind.TRANSIENT, 503, null));
	}

	@Test
	void callersMistakesAreRequestErrors() {
		assertThat(this.classifier.classify(new IllegalArgumentException("prompt must not be null")).kind())
			.isEqualTo(FailureKind.REQUEST);
		assertThat(this.classifier.classify(new RuntimeException("advisor",
				new NotWritablePropertyException(Object.class, "topK", "Bean property 'topK' is not writable")))
			.kind()).isEqualTo(FailureKind.REQUEST);
		assertThat(this.classifier.classify(new ClassCastException("OpenAiChatOptions")).kind())
			.isEqualTo(FailureKind.REQUEST);
	}

	@Test
	void aConnectionErrorStaysTransientWhateverItWraps() {
		assertThat(this.classifier.classify(new ConnectException("refused")).kind()).isEqualTo(FailureKind.TRANSIENT);
		assertThat(this.classifier.classify(new IOException("reset", new IllegalArgumentException("x"))).kind())
			.isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void anEmptyAnswerIsTransient() {
		assertThat(this.classifier.classify(new EmptyAnswerException("assistant", "gpt")).kind())
			.isEqualTo(FailureKind.TRANSIENT);
	}

}
