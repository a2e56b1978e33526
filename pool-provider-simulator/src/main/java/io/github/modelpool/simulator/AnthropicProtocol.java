package io.github.modelpool.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anthropic messages ({@code /v1/messages}). */
class AnthropicProtocol extends Protocol {

	AnthropicProtocol() {
		super("/v1/messages");
	}

	@Override
	String completion(String id, String model, String text, Usage usage) {
		ObjectNode root = message(id, model).put("stop_reason", "end_turn");
		root.putArray("content").addObject().put("type", "text").put("text", text);
		putUsage(root, usage).put("output_tokens", usage.output());
		return root.toString();
	}

	@Override
	String toolCall(String id, String model, String toolName, Usage usage) {
		ObjectNode root = message(id, model).put("stop_reason", "tool_use").putNull("stop_sequence");
		root.putArray("content").addObject().put("type", "tool_use").put("id", "toolu_" + id).put("name", toolName)
			.putObject("input");
		putUsage(root, usage).put("output_tokens", usage.output());
		return root.toString();
	}

	@Override
	String requestedTool(JsonNode body) {
		JsonNode tools = body.path("tools");
		return (tools.size() > 0) ? tools.get(0).path("name").asText(null) : null;
	}

	@Override
	String toolResult(JsonNode body) {
		String result = null;
		for (JsonNode message : body.path("messages")) {
			for (JsonNode part : message.path("content")) {
				if ("tool_result".equals(part.path("type").asText())) {
					result = Json.textOf(part.path("content"));
				}
			}
		}
		return result;
	}

	@Override
	List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
		List<String> events = new ArrayList<>();
		ObjectNode start = message(id, model);
		start.putArray("content");
		start.putNull("stop_reason");
		putUsage(start, usage).put("output_tokens", 1);
		events.add(Json.sse("message_start", Json.object().put("type", "message_start").set("message", start)));
		ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
		blockStart.putObject("content_block").put("type", "text").put("text", "");
		events.add(Json.sse("content_block_start", blockStart));
		for (String piece : pieces) {
			ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
			delta.putObject("delta").put("type", "text_delta").put("text", piece);
			events.add(Json.sse("content_block_delta", delta));
		}
		events.add(Json.sse("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
		ObjectNode messageDelta = Json.object().put("type", "message_delta");
		messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
		// The final usage repeats the input counts, as Anthropic's does.
		putUsage(messageDelta, usage).put("output_tokens", usage.output());
		events.add(Json.sse("message_delta", messageDelta));
		events.add(Json.sse("message_stop", Json.object().put("type", "message_stop")));
		return events;
	}

	private ObjectNode message(String id, String model) {
		return Json.object().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
	}

	@Override
	String errorBody(int status, String message) {
		ObjectNode error = Json.object().put("type", "error");
		error.putObject("error").put("type", anthropicErrorType(status)).put("message", message);
		return error.toString();
	}

	@Override
	String contextLengthMessage() {
		return "prompt is too long: 210000 tokens > 200000 maximum";
	}

	@Override
	int terminalEvents() {
		return 3;
	}

	private static String anthropicErrorType(int status) {
		return switch (status) {
			case 400, 413 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 429 -> "rate_limit_error";
			case 529 -> "overloaded_error";
			default -> "api_error";
		};
	}

	/**
	 * Anthropic sends the system prompt apart from the messages; it leads the
	 * conversation.
	 */
	@Override
	List<Turn> turns(JsonNode body) {
		List<Turn> turns = new ArrayList<>();
		JsonNode system = body.path("system");
		if (!system.isMissingNode() && !system.isNull()) {
			turns.add(new Turn("system", Json.textOf(system)));
		}
		turns.addAll(super.turns(body));
		return turns;
	}

	/**
	 * Anthropic counts tokens read from the cache apart from the input tokens.
	 */
	private static ObjectNode putUsage(ObjectNode root, Usage usage) {
		return root.putObject("usage")
			.put("input_tokens", usage.uncached())
			.put("cache_read_input_tokens", usage.cached())
			.put("cache_creation_input_tokens", 0);
	}

	@Override
	Map<String, String> rateLimitHeaders(RateWindow.Decision decision, boolean malformed) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (malformed) {
			headers.put("anthropic-ratelimit-requests-limit", "-5");
			headers.put("anthropic-ratelimit-requests-remaining", "lots");
			headers.put("anthropic-ratelimit-requests-reset", "2001-01-01T00:00:00Z");
			return headers;
		}
		// Anthropic says when each limit is replenished, as an RFC 3339 time.
		String reset = decision.now().plus(decision.reset()).toString();
		if (decision.requestsLimit() > 0) {
			headers.put("anthropic-ratelimit-requests-limit", Long.toString(decision.requestsLimit()));
			headers.put("anthropic-ratelimit-requests-remaining", Long.toString(decision.requestsRemaining()));
			headers.put("anthropic-ratelimit-requests-reset", reset);
		}
		if (decision.tokensLimit() > 0) {
			headers.put("anthropic-ratelimit-tokens-limit", Long.toString(decision.tokensLimit()));
			headers.put("anthropic-ratelimit-tokens-remaining", Long.toString(decision.tokensRemaining()));
			headers.put("anthropic-ratelimit-tokens-reset", reset);
		}
		return headers;
	}

}
