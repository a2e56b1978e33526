package io.github.modelpool.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request a simulated member received.
 *
 * @param member member the request was addressed to
 * @param dialect API the request used
 * @param path request path below the member's base URL
 * @param headers request headers, names in lower case
 * @param body request body
 */
public record RecordedRequest(String member, Dialect dialect, String path, Map<String, List<String>> headers,
		JsonNode body) {

	/**
	 * Model the request named, in its body or (Gemini) its path.
	 * @return the model, or {@code null} when the request named none
	 */
	public String model() {
		return this.dialect.protocol().model(this.path, this.body);
	}

	/**
	 * Whether the request asked for a stream.
	 * @return {@code true} for a streaming request
	 */
	public boolean stream() {
		return this.dialect.protocol().stream(this.path, this.body);
	}

	/**
	 * The conversation the request carries, in the dialect's order.
	 * @return its turns, roles as {@code system}, {@code user}, {@code assistant} or
	 * {@code tool}
	 */
	public List<Turn> turns() {
		return this.dialect.protocol().turns(this.body);
	}

	/**
	 * First value of a header.
	 * @param name header name, any case
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Credential the request carried: the bearer token (OpenAI), the {@code x-api-key}
	 * header (Anthropic) or the {@code x-goog-api-key} header (Gemini).
	 * @return the credential, or {@code null}
	 */
	public String apiKey() {
		String apiKey = header("x-api-key");
		if (apiKey != null) {
			return apiKey;
		}
		String googleKey = header("x-goog-api-key");
		if (googleKey != null) {
			return googleKey;
		}
		String authorization = header("authorization");
		return (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7) : null;
	}

	/**
	 * The first tool the request offers.
	 * @return the tool's name, or {@code null}
	 */
	public String requestedTool() {
		return this.dialect.protocol().requestedTool(this.body);
	}

	/**
	 * The result of the last tool call the request carries back.
	 * @return the result text, or {@code null}
	 */
	public String toolResult() {
		return this.dialect.protocol().toolResult(this.body);
	}

	/**
	 * Text of the assistant message the request ends with (a prefill to continue).
	 * @return the text, or {@code null} when the last message is not the assistant's
	 */
	public String trailingAssistantText() {
		List<Turn> turns = turns();
		Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
		return (last != null && "assistant".equals(last.role())) ? last.text() : null;
	}

	/**
	 * Text of the last user message of the request.
	 * @return the text, or an empty string
	 */
	public String lastUserText() {
		String text = "";
		for (Turn turn : turns()) {
			if ("user".equals(turn.role())) {
				text = turn.text();
			}
		}
		return text;
	}

}
