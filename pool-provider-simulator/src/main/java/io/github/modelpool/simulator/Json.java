package io.github.modelpool.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON the protocols read and write.
 */
final class Json {

	static final ObjectMapper MAPPER = new ObjectMapper();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	/**
	 * A server-sent event.
	 * @param event the event name, or {@code null} for none
	 * @param data its data
	 * @return the event as sent
	 */
	static String sse(String event, JsonNode data) {
		return ((event != null) ? "event: " + event + "\n" : "") + "data: " + data + "\n\n";
	}

	/**
	 * The text of a message's content: a string, or the text of its parts.
	 * @param content the content
	 * @return the text
	 */
	static String textOf(JsonNode content) {
		if (content.isTextual()) {
			return content.asText();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			text.append(part.path("text").asText(""));
		}
		return text.toString();
	}

}
