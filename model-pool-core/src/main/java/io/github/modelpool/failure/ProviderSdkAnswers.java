package io.github.modelpool.failure;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * Reads the HTTP answer kept by the service exceptions of the providers' official Java
 * SDKs ({@code com.openai.errors.*}, {@code com.anthropic.errors.*}), which Spring AI
 * 2.0's OpenAI and Anthropic models throw: {@code statusCode()}, {@code headers()} and
 * {@code body()}. Read by reflection, so the pool needs neither SDK.
 */
final class ProviderSdkAnswers {

	private static final Set<String> SERVICE_EXCEPTIONS = Set.of("com.openai.errors.OpenAIServiceException",
			"com.anthropic.errors.AnthropicServiceException");

	private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {

		@Override
		protected Accessors computeValue(Class<?> type) {
			return Accessors.of(type);
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
		Accessors accessors = ACCESSORS.get(error.getClass());
		return (accessors != null) ? accessors.read(error) : null;
	}

	/**
	 * The SDK methods of one exception type.
	 */
	private record Accessors(Method statusCode, Method headers, Method headerValues, Method body) {

		static Accessors of(Class<?> type) {
			if (!TypeNames.extendsAny(type, SERVICE_EXCEPTIONS)) {
				return null;
			}
			try {
				Method headers = type.getMethod("headers");
				return new Accessors(type.getMethod("statusCode"), headers,
						headers.getReturnType().getMethod("values", String.class), type.getMethod("body"));
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}

		HttpAnswer read(Throwable error) {
			try {
				int status = (Integer) this.statusCode.invoke(error);
				Object headers = this.headers.invoke(error);
				Object body = this.body.invoke(error);
				return new HttpAnswer(status, (name) -> firstValue(headers, name), (body != null) ? body.toString() : "");
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		private String firstValue(Object headers, String name) {
			try {
				List<?> values = (List<?>) this.headerValues.invoke(headers, name);
				return (values == null || values.isEmpty()) ? null : String.valueOf(values.get(0));
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

}
