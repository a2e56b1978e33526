package io.github.modelpool.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request a simulated member received.
 *
 * @param member member the request was addressed to
 * @param dialect API the request used
 * @param headers request headers, names in lower case
 * @param body request body
 */
public record RecordedRequest(String member, Dialect dialect, Map<String, List<String>> headers, JsonNode body) {

	/**
	 * Model named in the request body.
	 * @return the model, or {@code null} when the request named none
	 */
	public String model() {
		JsonNode model = this.body.get("model");
		return (model != null && !model.isNull()) ? model.asText() : null;
	}

	/**
	 * Whether the request asked for a stream.
	 * @return {@code true} for a streaming request
	 */
	public boolean stream() {
		return this.body.path("stream").asBoolean(false);
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
	 * Credential the request carried: the bearer token (OpenAI) or the
	 * {@code x-api-key} header (Anthropic).
	 * @return the credential, or {@code null}
	 */
	public String apiKey() {
		String apiKey = header("x-api-key");
		if (apiKey != null) {
			return apiKey;
		}
		String authorization = header("authorization");
		return (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7) : null;
	}

	/**
	 * Text of the last user message of the request.
	 * @return the text, or an empty string
	 */
	/**
	 * The first tool the request offers.
	 * @return the tool's name, or {@code null}
	 */
	public String requestedTool() {
		return this.dialect.requestedTool(this.body);
	}

	/**
	 * The result of the last tool call the request carries back.
	 * @return the result text, or {@code null}
	 */
	public String toolResult() {
		return this.dialect.toolResult(this.body);
	}

	/**
	 * Text of the assistant message the request ends with (a prefill to continue).
	 * @return the text, or {@code null} when the last message is not the assistant's
	 */
	public String trailingAssistantText() {
		JsonNode last = null;
		for (JsonNode message : this.body.path("messages")) {
			last = message;
		}
		return (last != null && "assistant".equals(last.path("role").asText()))
				? Dialect.textOf(last.path("content")) : null;
	}

	public String lastUserText() {
		String text = "";
		for (JsonNode message : this.body.path("messages")) {
			if ("user".equals(message.path("role").asText())) {
				text = Dialect.textOf(message.path("content"));
			}
		}
		return text;
	}

}
