package io.github.modelpool.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Amazon Bedrock's Converse API ({@code /model/{modelId}/converse}, streamed by
 * {@code /model/{modelId}/converse-stream} in the AWS event-stream framing), as the AWS
 * SDK calls it: the model and the stream are in the path, errors carry their type in
 * the {@code x-amzn-ErrorType} header and no wait. SigV4 headers are accepted, not
 * checked.
 */
class BedrockProtocol extends Protocol {

	private static final PathRoute ROUTE = new PathRoute("/model/([^/]+)/(converse|converse-stream)");

	BedrockProtocol() {
		super("/model/{modelId}/converse");
	}

	@Override
	boolean serves(String path) {
		return ROUTE.matches(path);
	}

	@Override
	String model(String path, JsonNode body) {
		return ROUTE.group(path, 1);
	}

	@Override
	boolean stream(String path, JsonNode body) {
		return "converse-stream".equals(ROUTE.group(path, 2));
	}

	@Override
	String completion(String id, String model, String text, Usage usage) {
		ObjectNode root = Json.object();
		root.putObject("output").putObject("message").put("role", "assistant").putArray("content").addObject()
			.put("text", text);
		root.put("stopReason", "end_turn");
		putUsage(root, usage);
		root.putObject("metrics").put("latencyMs", 1);
		return root.toString();
	}

	@Override
	String toolCall(String id, String model, String toolName, Usage usage) {
		ObjectNode root = Json.object();
		root.putObject("output").putObject("message").put("role", "assistant").putArray("content").addObject()
			.putObject("toolUse").put("toolUseId", "tooluse_" + id).put("name", toolName).putObject("input");
		root.put("stopReason", "tool_use");
		putUsage(root, usage);
		root.putObject("metrics").put("latencyMs", 1);
		return root.toString();
	}

	@Override
	String requestedTool(JsonNode body) {
		JsonNode tools = body.path("toolConfig").path("tools");
		return (tools.size() > 0) ? tools.get(0).path("toolSpec").path("name").asText(null) : null;
	}

	@Override
	String toolResult(JsonNode body) {
		String result = null;
		for (JsonNode message : body.path("messages")) {
			for (JsonNode part : message.path("content")) {
				JsonNode toolResult = part.path("toolResult");
				if (!toolResult.isMissingNode()) {
					result = Json.textOf(toolResult.path("content"));
				}
			}
		}
		return result;
	}

	/** Events are written as {@code <event type> <JSON payload>}, framed by {@link #encode}. */
	@Override
	List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
		List<String> events = new ArrayList<>();
		events.add("messageStart " + Json.object().put("role", "assistant"));
		for (String piece : pieces) {
			ObjectNode delta = Json.object().put("contentBlockIndex", 0);
			delta.putObject("delta").put("text", piece);
			events.add("contentBlockDelta " + delta);
		}
		events.add("contentBlockStop " + Json.object().put("contentBlockIndex", 0));
		events.add("messageStop " + Json.object().put("stopReason", "end_turn"));
		ObjectNode metadata = Json.object();
		putUsage(metadata, usage);
		metadata.putObject("metrics").put("latencyMs", 1);
		events.add("metadata " + metadata);
		return events;
	}

	@Override
	byte[] encode(String event) {
		int space = event.indexOf(' ');
		return EventStreamFrames.event(event.substring(0, space), event.substring(space + 1));
	}

	@Override
	String malformedEvent() {
		return "contentBlockDelta {\"contentBlockIndex\": 0, \"delta\": {\"text\": ";
	}

	@Override
	String streamContentType() {
		return "application/vnd.amazon.eventstream";
	}

	private void putUsage(ObjectNode root, Usage usage) {
		// Converse counts tokens read from the cache apart from the input tokens.
		root.putObject("usage")
			.put("inputTokens", usage.uncached())
			.put("outputTokens", usage.output())
			.put("cacheReadInputTokens", usage.cached())
			.put("totalTokens", usage.input() + usage.output());
	}

	@Override
	String errorBody(int status, String message) {
		return Json.object().put("message", message).toString();
	}

	@Override
	Map<String, String> errorHeaders(int status, String body) {
		String type = body.contains("too long") ? "ValidationException" : awsErrorType(status);
		return Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
	}

	@Override
	boolean retryAfterInHeader() {
		return false;
	}

	@Override
	String errorMessage(int status) {
		return switch (status) {
			case 400 -> "Malformed input request, please reformat your input and try again.";
			case 401 -> "The security token included in the request is invalid.";
			case 403 -> "You don't have access to the model with the specified model ID.";
			case 404 -> "The provided model identifier is invalid.";
			case 408 -> "Model has timed out in processing the request.";
			case 429 -> "Too many requests, please wait before trying again.";
			case 503 -> "Bedrock is unable to process your request.";
			default -> "The server encountered an internal error while processing the request.";
		};
	}

	@Override
	String contextLengthMessage() {
		return "Input is too long for requested model.";
	}

	@Override
	int terminalEvents() {
		return 3;
	}

	private static String awsErrorType(int status) {
		return switch (status) {
			case 400, 413 -> "ValidationException";
			case 401 -> "UnrecognizedClientException";
			case 403 -> "AccessDeniedException";
			case 404 -> "ResourceNotFoundException";
			case 408 -> "ModelTimeoutException";
			case 424 -> "ModelErrorException";
			case 429 -> "ThrottlingException";
			case 503 -> "ServiceUnavailableException";
			default -> "InternalServerException";
		};
	}

}
