package io.github.modelpool.failure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Classifies the exceptions the chat models of both Spring AI lines really throw:
 * <ul>
 * <li>Spring AI 1.1: its retry exceptions ({@code "HTTP 429 - body"} from the
 * auto-configured error handler, {@code "429 - body"} from the plain builders),
 * {@link RestClientResponseException}, {@link WebClientResponseException}, Anthropic's
 * streaming {@code "Response exception, Status: [429 TOO_MANY_REQUESTS], Body:[...]"};</li>
 * <li>Spring AI 2.0: the OpenAI and Anthropic SDKs' service exceptions (status, headers
 * and body kept; wrapped in {@code CompletionException} on streams), and the retry
 * exceptions of its RestClient-based models;</li>
 * <li>both: the service exceptions of the Google Gen AI SDK (Gemini), the AWS SDK
 * (Bedrock), azure-core (Azure OpenAI) and gax (Vertex AI Gemini), read by
 * {@link ProviderSdkAnswers};</li>
 * <li>any {@link ProviderHttpError}, timeouts, connection errors and cancellations,
 * also when wrapped by advisors or reactive operators.</li>
 * </ul>
 */
public class DefaultFailureClassifier implements FailureClassifier {

	private static final boolean REST_CLIENT_PRESENT = isPresent(
			"org.springframework.web.client.RestClientResponseException");

	private static final boolean WEB_CLIENT_PRESENT = isPresent(
			"org.springframework.web.reactive.function.client.WebClientResponseException");

	private static final Set<String> SPRING_AI_RETRY_EXCEPTIONS = Set.of(
			"org.springframework.ai.retry.TransientAiException", "org.springframework.ai.retry.NonTransientAiException");

	/** Spring's exceptions for values a model cannot take (options it cannot convert or set). */
	private static final Set<String> CALLER_MISTAKES = Set.of("org.springframework.beans.BeansException",
			"org.springframework.core.convert.ConversionException");

	/** Timeouts of HTTP clients that do not extend the JDK's timeout exceptions. */
	private static final Set<String> CLIENT_TIMEOUTS = Set.of("io.netty.handler.timeout.TimeoutException");

	private static final List<String> CONTEXT_LENGTH_SIGNS = List.of("context_length_exceeded",
			"maximum context length", "prompt is too long", "context window",
			// Gemini: "The input token count (N) exceeds the maximum number of tokens allowed (M)"
			"exceeds the maximum number of tokens",
			// Bedrock's ValidationException: "Input is too long for requested model"
			"input is too long",
			// OpenAI-compatible servers: vLLM's "The decoder prompt (length N) is longer than the
			// maximum model length of M", llama.cpp's exceed_context_size_error "request (N tokens)
			// exceeds the available context size (M tokens)", LM Studio's "the model is loaded with
			// context length of only N tokens" and "Context size has been exceeded"
			"longer than the maximum model length", "exceed_context_size_error", "exceeds the available context size",
			"context length of only", "context size has been exceeded");

	/** Provider error codes of quota whatever the status (Bedrock answers it with 400). */
	private static final List<String> QUOTA_SIGNS = List.of("servicequotaexceededexception");

	/** Errors that stay until someone acts, whatever the status (Gemini's bad key is a 400). */
	private static final List<String> PERMANENT_SIGNS = List.of("model_not_found", "api key not valid",
			"api_key_invalid");

	/** Errors of the model's own run, worth another try (Bedrock answers them with 424). */
	private static final List<String> TRANSIENT_SIGNS = List.of("modelstreamerrorexception", "modelerrorexception");

	/**
	 * A client that cannot sign its requests (the AWS SDK without credentials): the
	 * member's configuration is broken, so it is quarantined like a rejected key.
	 */
	private static final List<String> NO_CREDENTIALS_SIGNS = List.of("unable to load credentials");

	private static final List<String> CONTENT_FILTER_SIGNS = List.of("content_filter", "content management policy",
			"content filtering policy");

	private static final Pattern SPRING_AI_MESSAGE = Pattern.compile("^(?:HTTP )?(\\d{3}) - (.*)$", Pattern.DOTALL);

	private static final Pattern STATUS_IN_BRACKETS = Pattern
		.compile("Status: \\[(\\d{3})[^\\]]*\\](?:, Body:\\[(.*)\\])?", Pattern.DOTALL);

	private final RetryAfterParser retryAfterParser;

	/**
	 * Create a classifier that reads HTTP-date {@code Retry-After} values against the
	 * system clock.
	 */
	public DefaultFailureClassifier() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a classifier that reads HTTP-date {@code Retry-After} values against the
	 * given clock.
	 * @param clock the clock
	 */
	public DefaultFailureClassifier(Clock clock) {
		this.retryAfterParser = new RetryAfterParser(clock);
	}

	@Override
	public Failure classify(Throwable error) {
		List<Throwable> chain = CauseChain.of(error);
		for (Throwable cause : chain) {
			HttpAnswer answer = httpAnswerOf(cause);
			// A response that started well and then broke (status 200) is read from its cause.
			if (answer != null && answer.status() >= 400) {
				return classify(answer);
			}
		}
		return classifyWithoutStatus(chain);
	}

	/**
	 * Classify a provider's HTTP answer.
	 * @param answer status, headers and body
	 * @return the classification
	 */
	protected Failure classify(HttpAnswer answer) {
		String body = answer.body().toLowerCase(Locale.ROOT);
		FailureKind kind = kindOf(answer.status(), body);
		return new Failure(kind, answer.status(),
				(kind == FailureKind.QUOTA) ? this.retryAfterParser.parse(answer) : null,
				(kind == FailureKind.REQUEST) ? requestDetailOf(body) : FailureDetail.NONE);
	}

	private static FailureKind kindOf(int status, String body) {
		if (status == 429 || status == 529 || (status >= 500 && body.contains("overloaded"))
				|| containsAny(body, QUOTA_SIGNS)) {
			return FailureKind.QUOTA;
		}
		if (status == 401 || status == 402 || status == 403 || status == 404) {
			return FailureKind.PERMANENT;
		}
		if (status == 408 || status == 409 || status >= 500) {
			return FailureKind.TRANSIENT;
		}
		if (containsAny(body, PERMANENT_SIGNS) || (body.contains("model") && body.contains("does not exist"))) {
			return FailureKind.PERMANENT;
		}
		if (containsAny(body, TRANSIENT_SIGNS)) {
			return FailureKind.TRANSIENT;
		}
		return FailureKind.REQUEST;
	}

	private static boolean containsAny(String lowerCaseText, List<String> signs) {
		return signs.stream().anyMatch(lowerCaseText::contains);
	}

	private static FailureDetail requestDetailOf(String lowerCaseText) {
		if (containsAny(lowerCaseText, CONTEXT_LENGTH_SIGNS)) {
			return FailureDetail.CONTEXT_LENGTH;
		}
		if (containsAny(lowerCaseText, CONTENT_FILTER_SIGNS)) {
			return FailureDetail.CONTENT_FILTER;
		}
		return FailureDetail.NONE;
	}

	private static Failure classifyWithoutStatus(List<Throwable> chain) {
		for (Throwable cause : chain) {
			if (isTimeout(cause)) {
				return Failure.of(FailureKind.TRANSIENT, FailureDetail.TIMEOUT);
			}
		}
		for (Throwable cause : chain) {
			if (isConnectionError(cause)) {
				return Failure.of(FailureKind.TRANSIENT);
			}
		}
		for (Throwable cause : chain) {
			if (cause instanceof CancellationException || cause instanceof InterruptedException
					|| cause instanceof InterruptedIOException || cause instanceof ClosedByInterruptException) {
				return Failure.of(FailureKind.CANCELLED);
			}
		}
		for (Throwable cause : chain) {
			if (isCallersMistake(cause)) {
				return Failure.of(FailureKind.REQUEST);
			}
		}
		for (Throwable cause : chain) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			FailureDetail detail = requestDetailOf(message);
			if (detail != FailureDetail.NONE) {
				return Failure.of(FailureKind.REQUEST, detail);
			}
			if (containsAny(message, NO_CREDENTIALS_SIGNS)) {
				return Failure.of(FailureKind.PERMANENT);
			}
		}
		return Failure.of(FailureKind.TRANSIENT);
	}

	/**
	 * An error raised before any request reached the provider, or caused by the request
	 * itself: an argument or option the model cannot take, a programming error.
	 */
	private static boolean isCallersMistake(Throwable error) {
		if (error instanceof IllegalArgumentException || error instanceof ClassCastException
				|| error instanceof UnsupportedOperationException) {
			return true;
		}
		return TypeNames.extendsAny(error.getClass(), CALLER_MISTAKES);
	}

	/**
	 * A time limit ran out: the pool's own, the HTTP client's ({@code SocketTimeoutException},
	 * OkHttp's {@code InterruptedIOException("timeout")}, Netty's read timeouts).
	 */
	private static boolean isTimeout(Throwable error) {
		return error instanceof TimeoutException || error instanceof SocketTimeoutException
				|| error instanceof HttpTimeoutException
				|| (error instanceof InterruptedIOException && "timeout".equals(error.getMessage()))
				|| TypeNames.extendsAny(error.getClass(), CLIENT_TIMEOUTS);
	}

	private static boolean isConnectionError(Throwable error) {
		return error instanceof ConnectException || error instanceof UnknownHostException
				|| (error instanceof IOException && !(error instanceof InterruptedIOException));
	}

	private static HttpAnswer httpAnswerOf(Throwable error) {
		if (error instanceof ProviderHttpError http) {
			return new HttpAnswer(http.statusCode(), http::responseHeader, nullToEmpty(http.responseBody()));
		}
		if (REST_CLIENT_PRESENT) {
			HttpAnswer answer = RestClientAnswers.of(error);
			if (answer != null) {
				return answer;
			}
		}
		if (WEB_CLIENT_PRESENT) {
			HttpAnswer answer = WebClientAnswers.of(error);
			if (answer != null) {
				return answer;
			}
		}
		HttpAnswer sdkAnswer = ProviderSdkAnswers.of(error);
		if (sdkAnswer != null) {
			return sdkAnswer;
		}
		String message = error.getMessage();
		if (message == null) {
			return null;
		}
		if (TypeNames.extendsAny(error.getClass(), SPRING_AI_RETRY_EXCEPTIONS)) {
			Matcher matcher = SPRING_AI_MESSAGE.matcher(message);
			if (matcher.matches()) {
				return new HttpAnswer(Integer.parseInt(matcher.group(1)), (name) -> null, matcher.group(2));
			}
		}
		Matcher matcher = STATUS_IN_BRACKETS.matcher(message);
		if (matcher.find()) {
			return new HttpAnswer(Integer.parseInt(matcher.group(1)), (name) -> null, nullToEmpty(matcher.group(2)));
		}
		return null;
	}

	private static String nullToEmpty(String text) {
		return (text != null) ? text : "";
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, DefaultFailureClassifier.class.getClassLoader());
	}

	/**
	 * Reads Spring web client exceptions; kept apart so the classifier loads without
	 * spring-web.
	 */
	private static final class RestClientAnswers {

		static HttpAnswer of(Throwable error) {
			if (error instanceof RestClientResponseException rest) {
				HttpHeaders headers = rest.getResponseHeaders();
				return new HttpAnswer(rest.getStatusCode().value(),
						(name) -> (headers != null) ? headers.getFirst(name) : null, rest.getResponseBodyAsString());
			}
			return null;
		}

	}

	/**
	 * Reads WebFlux exceptions; kept apart so the classifier loads without WebFlux.
	 */
	private static final class WebClientAnswers {

		static HttpAnswer of(Throwable error) {
			if (error instanceof WebClientResponseException web) {
				return new HttpAnswer(web.getStatusCode().value(), web.getHeaders()::getFirst,
						web.getResponseBodyAsString());
			}
			return null;
		}

	}

}
