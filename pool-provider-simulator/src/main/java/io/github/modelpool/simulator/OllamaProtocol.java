package io.github.modelpool.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Ollama's native chat API ({@code /api/chat}), streaming newline-delimited JSON. */
class OllamaProtocol extends Protocol {

	OllamaProtocol() {
		super("/api/chat");
	}

	@Override
	String completion(String id, String model, String text, Usage usage) {
		ObjectNode root = chunk(model, text).put("done", true).put("done_reason", "stop");
		return putCounts(root, usage).toString();
	}

	@Override
	List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
		List<String> events = new ArrayList<>();
		for (String piece : pieces) {
			events.add(chunk(model, piece).put("done", false) + "\n");
		}
		events.add(putCounts(chunk(model, "").put("done", true).put("done_reason", "stop"), usage) + "\n");
		return events;
	}

	@Override
	String streamContentType() {
		return "application/x-ndjson";
	}

	private ObjectNode chunk(String model, String text) {
		ObjectNode root = Json.object().put("model", model).put("created_at", "2026-01-01T00:00:00Z");
		root.putObject("message").put("role", "assistant").put("content", text);
		return root;
	}

	private ObjectNode putCounts(ObjectNode root, Usage usage) {
		return root.put("prompt_eval_count", usage.input()).put("eval_count", usage.output());
	}

	@Override
	String toolCall(String id, String model, String toolName, Usage usage) {
		throw new UnsupportedOperationException("The simulated Ollama API offers no tools");
	}

	@Override
	String requestedTool(JsonNode body) {
		return null;
	}

	@Override
	String toolResult(JsonNode body) {
		return null;
	}

	@Override
	String errorBody(int status, String message) {
		return Json.object().put("error", message).toString();
	}

	@Override
	String contextLengthMessage() {
		return "the input length exceeds the context window of this model";
	}

	@Override
	int terminalEvents() {
		return 1;
	}

	@Override
	String malformedEvent() {
		return "{\"model\": \"oops\", \"message\": {\n";
	}

}
