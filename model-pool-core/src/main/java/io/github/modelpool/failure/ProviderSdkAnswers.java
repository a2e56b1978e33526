package io.github.modelpool.failure;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the answer that the providers' own Java SDKs keep in their service exceptions,
 * by reflection, so the pool needs none of the SDKs:
 * <ul>
 * <li>OpenAI and Anthropic ({@code com.openai.errors.OpenAIServiceException},
 * {@code com.anthropic.errors.AnthropicServiceException}; Spring AI 2.0's models):
 * {@code statusCode()}, {@code headers()}, {@code body()};</li>
 * <li>Google Gen AI, the Gemini API and Vertex AI ({@code com.google.genai.errors.ApiException}):
 * {@code code()}, {@code status()} such as {@code RESOURCE_EXHAUSTED}, {@code message()};
 * no headers;</li>
 * <li>AWS SDK v2, Bedrock ({@code AwsServiceException}): {@code statusCode()} and the
 * error code and message of {@code awsErrorDetails()}, headers from its HTTP response;</li>
 * <li>azure-core, Azure OpenAI ({@code HttpResponseException}): the status and headers of
 * {@code getResponse()}, the message (which carries the error body);</li>
 * <li>gax, Vertex AI Gemini over gRPC ({@code com.google.api.gax.rpc.ApiException}): the
 * gRPC code of {@code getStatusCode()} and its HTTP equivalent.</li>
 * </ul>
 * The body an answer carries starts with the provider's own error code where it gives
 * one ({@code ThrottlingException: ...}, {@code RESOURCE_EXHAUSTED: ...}), so the
 * classifier's signs can read it.
 */
final class ProviderSdkAnswers {

	private static final Function<String, String> NO_HEADERS = (name) -> null;

	private static final ClassValue<Reader> READERS = new ClassValue<>() {

		@Override
		protected Reader computeValue(Class<?> type) {
			return Arrays.stream(Shape.values())
				.map((shape) -> TypeNames.firstNamed(type, shape.types))
				.filter((base) -> base != null)
				.findFirst()
				.map((base) -> Shape.of(base).readerOf(base))
				.orElse(null);
		}

	};

	private ProviderSdkAnswers() {
	}

	/**
	 * The answer an SDK service exception kept.
	 * @param error any exception
	 * @return the answer, or {@code null} when the exception is not an SDK service
	 * exception or cannot be read
	 */
	static HttpAnswer of(Throwable error) {
		Reader reader = READERS.get(error.getClass());
		if (reader == null) {
			return null;
		}
		try {
			return reader.read(error);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Reads one exception type's answer.
	 */
	@FunctionalInterface
	private interface Reader {

		HttpAnswer read(Throwable error) throws ReflectiveOperationException;

	}

	/**
	 * The exception shapes of the SDKs: base type names and how to read an answer.
	 */
	private enum Shape {

		OPENAI_ANTHROPIC(Set.of("com.openai.errors.OpenAIServiceException", "com.anthropic.errors.AnthropicServiceException"),
				Set.of("com.openai.core.http.Headers", "com.anthropic.core.http.Headers")) {

			@Override
			Reader accessors(Class<?> type) throws ReflectiveOperationException {
				Method statusCode = type.getMethod("statusCode");
				Method headers = type.getMethod("headers");
				Method values = headers.getReturnType().getMethod("values", String.class);
				Method body = type.getMethod("body");
				return (error) -> {
					Object headerValues = headers.invoke(error);
					Object text = body.invoke(error);
					return new HttpAnswer((Integer) statusCode.invoke(error),
							(name) -> first((List<?>) invokeQuietly(values, headerValues, name)),
							(text != null) ? text.toString() : "");
				};
			}

		},

		GOOGLE_GENAI(Set.of("com.google.genai.errors.ApiException"), Set.of()) {

			@Override
			Reader accessors(Class<?> type) throws ReflectiveOperationException {
				Method code = type.getMethod("code");
				Method status = type.getMethod("status");
				Method message = type.getMethod("message");
				return (error) -> new HttpAnswer((Integer) code.invoke(error), NO_HEADERS,
						codeAndMessage(status.invoke(error), message.invoke(error)));
			}

		},

		AWS(Set.of("software.amazon.awssdk.awscore.exception.AwsServiceException"),
				Set.of("software.amazon.awssdk.awscore.exception.AwsErrorDetails",
						"software.amazon.awssdk.http.SdkHttpResponse")) {

			@Override
			Reader accessors(Class<?> type) throws ReflectiveOperationException {
				Method statusCode = type.getMethod("statusCode");
				Method details = type.getMethod("awsErrorDetails");
				Class<?> detailsType = details.getReturnType();
				Method errorCode = detailsType.getMethod("errorCode");
				Method errorMessage = detailsType.getMethod("errorMessage");
				Method response = detailsType.getMethod("sdkHttpResponse");
				Method header = response.getReturnType().getMethod("firstMatchingHeader", String.class);
				return (error) -> {
					Object errorDetails = details.invoke(error);
					if (errorDetails == null) {
						return new HttpAnswer((Integer) statusCode.invoke(error), NO_HEADERS, error.getMessage());
					}
					Object httpResponse = response.invoke(errorDetails);
					return new HttpAnswer((Integer) statusCode.invoke(error),
							(name) -> (httpResponse != null) ? present(invokeQuietly(header, httpResponse, name)) : null,
							codeAndMessage(errorCode.invoke(errorDetails), errorMessage.invoke(errorDetails)));
				};
			}

		},

		AZURE(Set.of("com.azure.core.exception.HttpResponseException"), Set.of("com.azure.core.http.HttpResponse")) {

			@Override
			Reader accessors(Class<?> type) throws ReflectiveOperationException {
				Method response = type.getMethod("getResponse");
				Method statusCode = response.getReturnType().getMethod("getStatusCode");
				Method header = response.getReturnType().getMethod("getHeaderValue", String.class);
				return (error) -> {
					Object httpResponse = response.invoke(error);
					if (httpResponse == null) {
						return null;
					}
					return new HttpAnswer((Integer) statusCode.invoke(httpResponse),
							(name) -> (String) invokeQuietly(header, httpResponse, name), error.getMessage());
				};
			}

		},

		GAX(Set.of("com.google.api.gax.rpc.ApiException"),
				Set.of("com.google.api.gax.rpc.StatusCode", "com.google.api.gax.rpc.StatusCode$Code")) {

			@Override
			Reader accessors(Class<?> type) throws ReflectiveOperationException {
				Method statusCode = type.getMethod("getStatusCode");
				Method code = statusCode.getReturnType().getMethod("getCode");
				Method httpStatus = code.getReturnType().getMethod("getHttpStatusCode");
				return (error) -> {
					Object grpcCode = code.invoke(statusCode.invoke(error));
					return new HttpAnswer((Integer) httpStatus.invoke(grpcCode), NO_HEADERS,
							codeAndMessage(grpcCode, error.getMessage()));
				};
			}

		};

		/** Names of the SDK's exception types whose answer this shape reads. */
		private final Set<String> types;

		/** Names of the other types whose public methods the reader calls. */
		private final Set<String> read;

		Shape(Set<String> types, Set<String> read) {
			this.types = types;
			this.read = read;
		}

		static Shape of(Class<?> base) {
			return Arrays.stream(values())
				.filter((shape) -> shape.types.contains(base.getName()))
				.findFirst()
				.orElseThrow();
		}

		/**
		 * The reader of one exception type of this shape, its accessors looked up on the
		 * SDK's own base type (the one runtime hints name).
		 * @param type the SDK's base exception type
		 * @return the reader, or {@code null} when this SDK version lacks an accessor
		 */
		Reader readerOf(Class<?> type) {
			try {
				return accessors(type);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		abstract Reader accessors(Class<?> type) throws ReflectiveOperationException;

	}

	/**
	 * Every type whose public methods the readers call by reflection, by name.
	 * @return the type names
	 */
	static Set<String> reflectedTypes() {
		Set<String> names = new TreeSet<>();
		for (Shape shape : Shape.values()) {
			names.addAll(shape.types);
			names.addAll(shape.read);
		}
		return names;
	}

	private static String codeAndMessage(Object code, Object message) {
		String text = (message != null) ? message.toString() : "";
		return (code != null) ? code + ": " + text : text;
	}

	private static Object invokeQuietly(Method method, Object target, Object argument) {
		try {
			return method.invoke(target, argument);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static String present(Object optional) {
		return (optional instanceof Optional<?> value) ? value.map(Object::toString).orElse(null) : null;
	}

	private static String first(List<?> values) {
		return (values == null || values.isEmpty()) ? null : String.valueOf(values.get(0));
	}

}
