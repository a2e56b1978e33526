package io.github.modelpool.failure;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asked callers to wait: the {@code Retry-After} header
 * (seconds or HTTP date), the {@code retry-after-ms} header, or a "try again in 20s" or
 * {@code "retryDelay": "20s"} hint in the error body when there are no such headers.
 */
final class RetryAfterParser {

	/**
	 * "try again in 20s" (OpenAI), or a Google API error's RetryInfo detail,
	 * {@code "retryDelay": "20s"} (Gemini, which sends no Retry-After header).
	 */
	private static final Pattern BODY_HINT = Pattern.compile(
			"(?:(?:try again|retry) (?:in|after) |\"retrydelay\"\\s*:\\s*\")(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|seconds?)\\b");

	private final Clock clock;

	RetryAfterParser(Clock clock) {
		this.clock = clock;
	}

	Duration parse(HttpAnswer answer) {
		Duration fromHeaders = fromHeaders(answer);
		return (fromHeaders != null) ? fromHeaders : fromBody(answer.body());
	}

	private Duration fromHeaders(HttpAnswer answer) {
		String millis = answer.header("retry-after-ms");
		if (millis != null) {
			Duration duration = parseNumber(millis.trim(), 1);
			if (duration != null) {
				return duration;
			}
		}
		String value = answer.header("Retry-After");
		if (value == null || value.isBlank()) {
			return null;
		}
		Duration seconds = parseNumber(value.trim(), 1000);
		return (seconds != null) ? seconds : parseDate(value.trim());
	}

	private Duration parseDate(String value) {
		try {
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(this.clock.instant(), at.toInstant());
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Duration fromBody(String body) {
		Matcher matcher = BODY_HINT.matcher(body.toLowerCase(Locale.ROOT));
		if (!matcher.find()) {
			return null;
		}
		return parseNumber(matcher.group(1), matcher.group(2).startsWith("m") ? 1 : 1000);
	}

	private static Duration parseNumber(String value, long millisPerUnit) {
		try {
			double amount = Double.parseDouble(value);
			if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
				return null;
			}
			return Duration.ofMillis(Math.round(amount * millisPerUnit));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
