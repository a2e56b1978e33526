package io.github.modelpool.failure;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that leaves the pool: failure messages shown to
 * operators and written to logs. Provider error bodies sometimes echo part of a key.
 */
public final class SecretRedactor {

	private static final String MASK = "***";

	private static final List<Replacement> REPLACEMENTS = List.of(
			new Replacement(Pattern.compile("(://)[^/@\\s]+@"), "$1" + MASK + "@"),
			new Replacement(Pattern.compile("\\bsk-[A-Za-z0-9_\\-*]{4,}"), "sk-" + MASK),
			new Replacement(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-]+"), "$1" + MASK),
			new Replacement(
					Pattern.compile("(?i)((?:api[_-]?key|x-api-key|authorization|access[_-]?token|secret|password)"
							+ "[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',&}]+"),
					"$1" + MASK),
			new Replacement(Pattern.compile("(?i)([?&](?:api[_-]?)?key=)[^&\\s]+"), "$1" + MASK));

	/** Every query value of a URL. */
	private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#\\s]+=)[^&#\\s]*");

	private static final int MAX_LENGTH = 240;

	private SecretRedactor() {
	}

	/**
	 * Redact credentials and shorten the text to its first line, at most 240 characters.
	 * @param text the text, may be {@code null}
	 * @return the redacted text, empty for {@code null}
	 */
	public static String redact(String text) {
		if (text == null) {
			return "";
		}
		String result = text.strip();
		int newline = result.indexOf('\n');
		if (newline >= 0) {
			result = result.substring(0, newline).strip();
		}
		result = redactUrl(result);
		return (result.length() > MAX_LENGTH) ? result.substring(0, MAX_LENGTH - 3) + "..." : result;
	}

	/**
	 * A URL without credentials: user info and every query value are masked.
	 * @param url the URL, may be {@code null}
	 * @return the URL without credentials, {@code null} for {@code null}
	 */
	public static String redactUrl(String url) {
		if (url == null) {
			return null;
		}
		String result = url;
		for (Replacement replacement : REPLACEMENTS) {
			result = replacement.pattern().matcher(result).replaceAll(replacement.with());
		}
		return QUERY_VALUE.matcher(result).replaceAll("$1" + MASK);
	}

	private record Replacement(Pattern pattern, String with) {
	}

}
