package io.github.modelpool.demo;

import java.net.URI;
import java.time.Duration;

import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.pool.ModelPoolDimensionsException;
import io.github.modelpool.pool.ModelPoolException;
import io.github.modelpool.pool.ModelPoolRateLimitedException;
import io.github.modelpool.pool.ModelPoolUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the demo answers when a pool, chat or embedding, could not: a problem detail that
 * names the pool and each member's reason.
 */
@RestControllerAdvice
class PoolProblems {

	private final FailureClassifier classifier;

	PoolProblems(FailureClassifier classifier) {
		this.classifier = classifier;
	}

	/**
	 * 429 when only quota stopped the pool (with {@code Retry-After} when the providers
	 * said, or when no member's rate budget had room), 502 when a member answered vectors
	 * of another length, else 503.
	 */
	@ExceptionHandler(ModelPoolException.class)
	ResponseEntity<ProblemDetail> poolFailed(ModelPoolException ex) {
		if (ex instanceof ModelPoolRateLimitedException limited) {
			return problem(ex, HttpStatus.TOO_MANY_REQUESTS, "Every member's rate budget is spent",
					limited.getRetryAfterSeconds());
		}
		if (ex instanceof ModelPoolDimensionsException) {
			return problem(ex, HttpStatus.BAD_GATEWAY, "A member answered vectors of another model", null);
		}
		Duration retryAfter = null;
		boolean onlyQuota = !(ex instanceof ModelPoolUnavailableException) && ex.getSuppressed().length > 0;
		for (Throwable memberError : ex.getSuppressed()) {
			Failure failure = this.classifier.classify(memberError);
			onlyQuota &= failure.kind() == FailureKind.QUOTA;
			if (failure.retryAfter() != null && (retryAfter == null || failure.retryAfter().compareTo(retryAfter) < 0)) {
				retryAfter = failure.retryAfter();
			}
		}
		HttpStatus status = onlyQuota ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
		return problem(ex, status, onlyQuota ? "Every member is rate limited" : "The model pool cannot answer now",
				(onlyQuota && retryAfter != null) ? Math.max(1, retryAfter.toSeconds()) : null);
	}

	private static ResponseEntity<ProblemDetail> problem(ModelPoolException ex, HttpStatus status, String title,
			Long retryAfterSeconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, SecretRedactor.redact(ex.getMessage()));
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		problem.setProperty("pool", ex.getPoolId());
		problem.setProperty("members", ex.getMemberFailures());
		HttpHeaders headers = new HttpHeaders();
		if (retryAfterSeconds != null) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
		}
		return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
