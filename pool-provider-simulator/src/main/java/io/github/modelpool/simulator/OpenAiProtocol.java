package io.github.modelpool.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI chat completions ({@code /v1/chat/completions}). */
class OpenAiProtocol extends Protocol {

	private static final long CREATED = 1_767_225_600L;

	OpenAiProtocol() {
		this("/v1/chat/completions");
	}

	/**
	 * A protocol on OpenAI's bodies at another path.
	 * @param path the chat endpoint's path
	 */
	OpenAiProtocol(String path) {
		super(path);
	}

	@Override
	String completion(String id, String model, String text, Usage usage) {
		ObjectNode root = Json.object().put("id", id).put("object", "chat.completion").put("created", CREATED)
			.put("model", model);
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
		choice.putObject("message").put("role", "assistant").put("content", text);
		putUsage(root, usage);
		return root.toString();
	}

	@Override
	String toolCall(String id, String model, String toolName, Usage usage) {
		ObjectNode root = Json.object().put("id", id).put("object", "chat.completion").put("created", CREATED)
			.put("model", model);
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
		ObjectNode message = choice.putObject("message").put("role", "assistant").putNull("content");
		ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_" + id).put("type", "function");
		call.putObject("function").put("name", toolName).put("arguments", "{}");
		putUsage(root, usage);
		return root.toString();
	}

	@Override
	String requestedTool(JsonNode body) {
		JsonNode tools = body.path("tools");
		return (tools.size() > 0) ? tools.get(0).path("function").path("name").asText(null) : null;
	}

	@Override
	String toolResult(JsonNode body) {
		String result = null;
		for (JsonNode message : body.path("messages")) {
			if ("tool".equals(message.path("role").asText())) {
				result = Json.textOf(message.path("content"));
			}
		}
		return result;
	}

	@Override
	List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
		List<String> events = new ArrayList<>();
		for (int i = 0; i < pieces.size(); i++) {
			ObjectNode delta = Json.object();
			if (i == 0) {
				delta.put("role", "assistant");
			}
			delta.put("content", pieces.get(i));
			events.add(Json.sse(null, chunk(id, model).set("choices", choices(delta, null))));
		}
		ObjectNode last = chunk(id, model);
		last.set("choices", choices(Json.object(), "stop"));
		putUsage(last, usage);
		events.add(Json.sse(null, last));
		events.add("data: [DONE]\n\n");
		return events;
	}

	private ObjectNode chunk(String id, String model) {
		return Json.object().put("id", id).put("object", "chat.completion.chunk").put("created", CREATED)
			.put("model", model);
	}

	private ArrayNode choices(ObjectNode delta, String finishReason) {
		ArrayNode choices = Json.MAPPER.createArrayNode();
		ObjectNode choice = choices.addObject().put("index", 0);
		choice.set("delta", delta);
		choice.put("finish_reason", finishReason);
		return choices;
	}

	private void putUsage(ObjectNode root, Usage usage) {
		ObjectNode counts = root.putObject("usage")
			.put("prompt_tokens", usage.input())
			.put("completion_tokens", usage.output())
			.put("total_tokens", usage.input() + usage.output());
		counts.putObject("prompt_tokens_details").put("cached_tokens", usage.cached());
	}

	@Override
	String errorBody(int status, String message) {
		ObjectNode error = Json.object();
		String code = message.contains("maximum context length") ? "context_length_exceeded"
				: message.contains("content_filter") ? "content_filter" : openAiErrorCode(status);
		error.putObject("error").put("message", message).put("type", openAiErrorType(status)).put("code", code);
		return error.toString();
	}

	@Override
	String contextLengthMessage() {
		return "This model's maximum context length is 8192 tokens. However, your messages resulted in "
				+ "9100 tokens. Please reduce the length of the messages.";
	}

	@Override
	int terminalEvents() {
		return 2;
	}

	@Override
	String idPrefix() {
		return "chatcmpl-";
	}

	private static String openAiErrorType(int status) {
		return switch (status) {
			case 400, 404, 413 -> "invalid_request_error";
			case 401, 403 -> "authentication_error";
			case 429 -> "rate_limit_error";
			default -> "server_error";
		};
	}

	private static String openAiErrorCode(int status) {
		return switch (status) {
			case 401 -> "invalid_api_key";
			case 404 -> "model_not_found";
			case 429 -> "rate_limit_exceeded";
			default -> "error_" + status;
		};
	}

	@Override
	Map<String, String> rateLimitHeaders(RateWindow.Decision decision, boolean malformed) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (malformed) {
			headers.put("x-ratelimit-limit-requests", "-5");
			headers.put("x-ratelimit-remaining-requests", "lots");
			headers.put("x-ratelimit-reset-requests", "soon");
			return headers;
		}
		String reset = resetText(decision.reset().toMillis());
		if (decision.requestsLimit() > 0) {
			headers.put("x-ratelimit-limit-requests", Long.toString(decision.requestsLimit()));
			headers.put("x-ratelimit-remaining-requests", Long.toString(decision.requestsRemaining()));
			headers.put("x-ratelimit-reset-requests", reset);
		}
		if (decision.tokensLimit() > 0) {
			headers.put("x-ratelimit-limit-tokens", Long.toString(decision.tokensLimit()));
			headers.put("x-ratelimit-remaining-tokens", Long.toString(decision.tokensRemaining()));
			headers.put("x-ratelimit-reset-tokens", reset);
		}
		return headers;
	}

	/** OpenAI's reset format: {@code 850ms}, {@code 12s}, {@code 1s500ms}. */
	private static String resetText(long millis) {
		long seconds = millis / 1000;
		long rest = millis % 1000;
		if (seconds == 0) {
			return rest + "ms";
		}
		return (rest == 0) ? seconds + "s" : seconds + "s" + rest + "ms";
	}

}
