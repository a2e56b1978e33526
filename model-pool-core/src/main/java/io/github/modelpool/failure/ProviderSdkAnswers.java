package io.github.modelpool.failure;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
				.filter((shape) -> TypeNames.extendsAny(type, shape.types))
				.findFirst()
				.map((shape) -> shape.readerOf(type))
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

		OPENAI_ANTHROPIC("com.openai.errors.OpenAIServiceException", "com.anthropic.errors.AnthropicServiceException") {

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

		GOOGLE_GENAI("com.google.genai.errors.ApiException") {

			@Override
			Reader accessors(Class<?> type) throws ReflectiveOperationException {
				Method code = type.getMethod("code");
				Method status = type.getMethod("status");
				Method message = type.getMethod("message");
				return (error) -> new HttpAnswer((Integer) code.invoke(error), NO_HEADERS,
						codeAndMessage(status.invoke(error), message.invoke(error)));
			}

		},

		AWS("software.amazon.awssdk.awscore.exception.AwsServiceException") {

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

		AZURE("com.azure.core.exception.HttpResponseException") {

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

		GAX("com.google.api.gax.rpc.ApiException") {

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

		private final Set<String> types;

		Shape(String... types) {
			this.types = Set.of(types);
		}

		/**
		 * The reader of one exception type of this shape.
		 * @param type the exception type
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
