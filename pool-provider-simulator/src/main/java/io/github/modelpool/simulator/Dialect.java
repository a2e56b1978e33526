package io.github.modelpool.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A provider API the simulator speaks: its path, its answers, its stream events and its
 * error bodies.
 */
public enum Dialect {

	/** OpenAI chat completions ({@code /v1/chat/completions}). */
	OPENAI("/v1/chat/completions") {

		@Override
		String completion(String id, String model, String text, Usage usage) {
			ObjectNode root = object().put("id", id).put("object", "chat.completion").put("created", CREATED)
				.put("model", model);
			ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
			choice.putObject("message").put("role", "assistant").put("content", text);
			putUsage(root, usage);
			return root.toString();
		}

		@Override
		String toolCall(String id, String model, String toolName, Usage usage) {
			ObjectNode root = object().put("id", id).put("object", "chat.completion").put("created", CREATED)
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
					result = textOf(message.path("content"));
				}
			}
			return result;
		}

		@Override
		List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
			List<String> events = new ArrayList<>();
			for (int i = 0; i < pieces.size(); i++) {
				ObjectNode delta = object();
				if (i == 0) {
					delta.put("role", "assistant");
				}
				delta.put("content", pieces.get(i));
				events.add(sse(null, chunk(id, model).set("choices", choices(delta, null))));
			}
			ObjectNode last = chunk(id, model);
			last.set("choices", choices(object(), "stop"));
			putUsage(last, usage);
			events.add(sse(null, last));
			events.add("data: [DONE]\n\n");
			return events;
		}

		private ObjectNode chunk(String id, String model) {
			return object().put("id", id).put("object", "chat.completion.chunk").put("created", CREATED)
				.put("model", model);
		}

		private ArrayNode choices(ObjectNode delta, String finishReason) {
			ArrayNode choices = MAPPER.createArrayNode();
			ObjectNode choice = choices.addObject().put("index", 0);
			choice.set("delta", delta);
			choice.put("finish_reason", finishReason);
			return choices;
		}

		private void putUsage(ObjectNode root, Usage usage) {
			root.putObject("usage").put("prompt_tokens", usage.input()).put("completion_tokens", usage.output())
				.put("total_tokens", usage.input() + usage.output());
		}

		@Override
		String errorBody(int status, String message) {
			ObjectNode error = object();
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

	},

	/** Anthropic messages ({@code /v1/messages}). */
	ANTHROPIC("/v1/messages") {

		@Override
		String completion(String id, String model, String text, Usage usage) {
			ObjectNode root = message(id, model).put("stop_reason", "end_turn");
			root.putArray("content").addObject().put("type", "text").put("text", text);
			root.putObject("usage").put("input_tokens", usage.input()).put("output_tokens", usage.output());
			return root.toString();
		}

		@Override
		String toolCall(String id, String model, String toolName, Usage usage) {
			ObjectNode root = message(id, model).put("stop_reason", "tool_use").putNull("stop_sequence");
			root.putArray("content").addObject().put("type", "tool_use").put("id", "toolu_" + id).put("name", toolName)
				.putObject("input");
			root.putObject("usage").put("input_tokens", usage.input()).put("output_tokens", usage.output());
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
						result = textOf(part.path("content"));
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
			start.putObject("usage").put("input_tokens", usage.input()).put("output_tokens", 1);
			events.add(sse("message_start", object().put("type", "message_start").set("message", start)));
			ObjectNode blockStart = object().put("type", "content_block_start").put("index", 0);
			blockStart.putObject("content_block").put("type", "text").put("text", "");
			events.add(sse("content_block_start", blockStart));
			for (String piece : pieces) {
				ObjectNode delta = object().put("type", "content_block_delta").put("index", 0);
				delta.putObject("delta").put("type", "text_delta").put("text", piece);
				events.add(sse("content_block_delta", delta));
			}
			events.add(sse("content_block_stop", object().put("type", "content_block_stop").put("index", 0)));
			ObjectNode messageDelta = object().put("type", "message_delta");
			messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
			messageDelta.putObject("usage").put("output_tokens", usage.output());
			events.add(sse("message_delta", messageDelta));
			events.add(sse("message_stop", object().put("type", "message_stop")));
			return events;
		}

		private ObjectNode message(String id, String model) {
			return object().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
		}

		@Override
		String errorBody(int status, String message) {
			ObjectNode error = object().put("type", "error");
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

	},

	/**
	 * The Gemini API ({@code /v1beta/models/{model}:generateContent}, streamed by
	 * {@code :streamGenerateContent?alt=sse}), as Google's Gen AI SDK calls it: the model
	 * and the stream are in the path, errors are Google API errors without a
	 * {@code Retry-After} header.
	 */
	GEMINI("/v1beta/models/{model}:generateContent") {

		private final Pattern route = Pattern
			.compile("/v1(?:beta|alpha)?/models/([^/:]+):(generateContent|streamGenerateContent)");

		@Override
		boolean serves(String path) {
			return this.route.matcher(path).matches();
		}

		@Override
		String model(String path, JsonNode body) {
			Matcher matcher = this.route.matcher(path);
			return matcher.matches() ? matcher.group(1) : null;
		}

		@Override
		boolean stream(String path, JsonNode body) {
			Matcher matcher = this.route.matcher(path);
			return matcher.matches() && matcher.group(2).startsWith("stream");
		}

		@Override
		List<Turn> turns(JsonNode body) {
			List<Turn> turns = new ArrayList<>();
			JsonNode system = body.path("systemInstruction");
			if (!system.isMissingNode()) {
				turns.add(new Turn("system", textOf(system.path("parts"))));
			}
			for (JsonNode content : body.path("contents")) {
				boolean toolResult = false;
				for (JsonNode part : content.path("parts")) {
					toolResult |= part.has("functionResponse");
				}
				String role = toolResult ? "tool" : "model".equals(content.path("role").asText()) ? "assistant" : "user";
				turns.add(new Turn(role, textOf(content.path("parts"))));
			}
			return turns;
		}

		@Override
		String completion(String id, String model, String text, Usage usage) {
			ObjectNode root = answer(id, model);
			candidate(root, "STOP").putArray("parts").addObject().put("text", text);
			putUsage(root, usage);
			return root.toString();
		}

		@Override
		String toolCall(String id, String model, String toolName, Usage usage) {
			ObjectNode root = answer(id, model);
			candidate(root, "STOP").putArray("parts").addObject().putObject("functionCall").put("name", toolName)
				.putObject("args");
			putUsage(root, usage);
			return root.toString();
		}

		@Override
		String requestedTool(JsonNode body) {
			for (JsonNode tool : body.path("tools")) {
				JsonNode declarations = tool.path("functionDeclarations");
				if (declarations.size() > 0) {
					return declarations.get(0).path("name").asText(null);
				}
			}
			return null;
		}

		@Override
		String toolResult(JsonNode body) {
			String result = null;
			for (JsonNode content : body.path("contents")) {
				for (JsonNode part : content.path("parts")) {
					JsonNode response = part.path("functionResponse").path("response");
					if (!response.isMissingNode()) {
						JsonNode single = (response.size() == 1) ? response.elements().next() : null;
						result = (single != null && single.isValueNode()) ? single.asText() : response.toString();
					}
				}
			}
			return result;
		}

		@Override
		List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
			List<String> events = new ArrayList<>();
			for (String piece : pieces) {
				ObjectNode chunk = answer(id, model);
				candidate(chunk, null).putArray("parts").addObject().put("text", piece);
				events.add(sse(null, chunk));
			}
			ObjectNode last = answer(id, model);
			candidate(last, "STOP").putArray("parts").addObject().put("text", "");
			putUsage(last, usage);
			events.add(sse(null, last));
			return events;
		}

		private ObjectNode answer(String id, String model) {
			return object().put("modelVersion", model).put("responseId", id);
		}

		/** The answer's one candidate; its content's parts are for the caller to add. */
		private ObjectNode candidate(ObjectNode root, String finishReason) {
			ObjectNode candidate = root.putArray("candidates").addObject();
			ObjectNode content = candidate.putObject("content").put("role", "model");
			if (finishReason != null) {
				candidate.put("finishReason", finishReason);
			}
			candidate.put("index", 0);
			return content;
		}

		private void putUsage(ObjectNode root, Usage usage) {
			root.putObject("usageMetadata").put("promptTokenCount", usage.input())
				.put("candidatesTokenCount", usage.output()).put("totalTokenCount", usage.input() + usage.output());
		}

		@Override
		String errorBody(int status, String message) {
			return googleError(status, message).toString();
		}

		@Override
		String errorBodyWithWait(int status, String retryAfter) {
			Long seconds = wholeSeconds(retryAfter);
			if (seconds == null) {
				return errorBody(status);
			}
			// Gemini sends no Retry-After header: the delay is in the message and a RetryInfo detail.
			ObjectNode root = googleError(status, errorMessage(status) + " Please retry in " + seconds + "s.");
			((ObjectNode) root.get("error")).putArray("details").addObject()
				.put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", seconds + "s");
			return root.toString();
		}

		private ObjectNode googleError(int status, String message) {
			ObjectNode root = object();
			root.putObject("error").put("code", status).put("message", message).put("status", googleStatus(status));
			return root;
		}

		@Override
		boolean retryAfterInHeader() {
			return false;
		}

		@Override
		String errorMessage(int status) {
			return switch (status) {
				case 401 -> "Request had invalid authentication credentials.";
				case 403 -> "Permission denied: the caller does not have access to this model.";
				case 404 -> "models/unknown is not found for API version v1beta.";
				case 429 -> "Resource has been exhausted (e.g. check quota).";
				case 503 -> "The model is overloaded. Please try again later.";
				default -> super.errorMessage(status);
			};
		}

		@Override
		String contextLengthMessage() {
			return "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).";
		}

		@Override
		int terminalEvents() {
			return 1;
		}

		@Override
		String idPrefix() {
			return "resp-";
		}

	},

	/**
	 * Azure OpenAI deployments
	 * ({@code /openai/deployments/{deployment}/chat/completions?api-version=...}): OpenAI's
	 * bodies and stream, the deployment in the path, Azure's error bodies.
	 */
	AZURE_OPENAI("/openai/deployments/{deployment}/chat/completions") {

		private final Pattern route = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");

		@Override
		boolean serves(String path) {
			return this.route.matcher(path).matches();
		}

		@Override
		String model(String path, JsonNode body) {
			Matcher matcher = this.route.matcher(path);
			return matcher.matches() ? matcher.group(1) : null;
		}

		@Override
		String completion(String id, String model, String text, Usage usage) {
			return OPENAI.completion(id, model, text, usage);
		}

		@Override
		String toolCall(String id, String model, String toolName, Usage usage) {
			return OPENAI.toolCall(id, model, toolName, usage);
		}

		@Override
		String requestedTool(JsonNode body) {
			return OPENAI.requestedTool(body);
		}

		@Override
		String toolResult(JsonNode body) {
			return OPENAI.toolResult(body);
		}

		@Override
		List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
			return OPENAI.streamEvents(id, model, pieces, usage);
		}

		@Override
		String errorBody(int status, String message) {
			if (message.contains("maximum context length")) {
				return OPENAI.errorBody(status, message);
			}
			ObjectNode root = object();
			root.putObject("error").put("code", (status == 404) ? "DeploymentNotFound" : String.valueOf(status))
				.put("message", message);
			return root.toString();
		}

		@Override
		String errorMessage(int status) {
			return switch (status) {
				case 401 -> "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
						+ "provide a valid key for an active subscription and use a correct regional API endpoint "
						+ "for your resource.";
				case 404 -> "The API deployment for this resource does not exist. If you created the deployment "
						+ "within the last 5 minutes, please wait a moment and try again.";
				case 429 -> "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version "
						+ "2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier.";
				default -> super.errorMessage(status);
			};
		}

		@Override
		String contextLengthMessage() {
			return OPENAI.contextLengthMessage();
		}

		@Override
		int terminalEvents() {
			return OPENAI.terminalEvents();
		}

		@Override
		String idPrefix() {
			return OPENAI.idPrefix();
		}

	},

	/**
	 * Amazon Bedrock's Converse API ({@code /model/{modelId}/converse}, streamed by
	 * {@code /model/{modelId}/converse-stream} in the AWS event-stream framing), as the AWS
	 * SDK calls it: the model and the stream are in the path, errors carry their type in
	 * the {@code x-amzn-ErrorType} header and no wait. SigV4 headers are accepted, not
	 * checked.
	 */
	BEDROCK("/model/{modelId}/converse") {

		private final Pattern route = Pattern.compile("/model/([^/]+)/(converse|converse-stream)");

		@Override
		boolean serves(String path) {
			return this.route.matcher(path).matches();
		}

		@Override
		String model(String path, JsonNode body) {
			Matcher matcher = this.route.matcher(path);
			return matcher.matches() ? matcher.group(1) : null;
		}

		@Override
		boolean stream(String path, JsonNode body) {
			Matcher matcher = this.route.matcher(path);
			return matcher.matches() && matcher.group(2).equals("converse-stream");
		}

		@Override
		String completion(String id, String model, String text, Usage usage) {
			ObjectNode root = object();
			root.putObject("output").putObject("message").put("role", "assistant").putArray("content").addObject()
				.put("text", text);
			root.put("stopReason", "end_turn");
			putUsage(root, usage);
			root.putObject("metrics").put("latencyMs", 1);
			return root.toString();
		}

		@Override
		String toolCall(String id, String model, String toolName, Usage usage) {
			ObjectNode root = object();
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
						result = textOf(toolResult.path("content"));
					}
				}
			}
			return result;
		}

		/** Events are written as {@code <event type> <JSON payload>}, framed by {@link #encode}. */
		@Override
		List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
			List<String> events = new ArrayList<>();
			events.add("messageStart " + object().put("role", "assistant"));
			for (String piece : pieces) {
				ObjectNode delta = object().put("contentBlockIndex", 0);
				delta.putObject("delta").put("text", piece);
				events.add("contentBlockDelta " + delta);
			}
			events.add("contentBlockStop " + object().put("contentBlockIndex", 0));
			events.add("messageStop " + object().put("stopReason", "end_turn"));
			ObjectNode metadata = object();
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
			root.putObject("usage").put("inputTokens", usage.input()).put("outputTokens", usage.output())
				.put("totalTokens", usage.input() + usage.output());
		}

		@Override
		String errorBody(int status, String message) {
			return object().put("message", message).toString();
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

	},

	/**
	 * MiniMax's chat completions ({@code /v1/text/chatcompletion_v2}): OpenAI's bodies and
	 * stream on MiniMax's path.
	 */
	MINIMAX("/v1/text/chatcompletion_v2") {

		@Override
		String completion(String id, String model, String text, Usage usage) {
			return OPENAI.completion(id, model, text, usage);
		}

		@Override
		String toolCall(String id, String model, String toolName, Usage usage) {
			return OPENAI.toolCall(id, model, toolName, usage);
		}

		@Override
		String requestedTool(JsonNode body) {
			return OPENAI.requestedTool(body);
		}

		@Override
		String toolResult(JsonNode body) {
			return OPENAI.toolResult(body);
		}

		@Override
		List<String> streamEvents(String id, String model, List<String> pieces, Usage usage) {
			return OPENAI.streamEvents(id, model, pieces, usage);
		}

		@Override
		String errorBody(int status, String message) {
			return OPENAI.errorBody(status, message);
		}

		@Override
		String contextLengthMessage() {
			return OPENAI.contextLengthMessage();
		}

		@Override
		int terminalEvents() {
			return OPENAI.terminalEvents();
		}

		@Override
		String idPrefix() {
			return OPENAI.idPrefix();
		}

	},

	/** Ollama's native chat API ({@code /api/chat}), streaming newline-delimited JSON. */
	OLLAMA("/api/chat") {

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
			ObjectNode root = object().put("model", model).put("created_at", "2026-01-01T00:00:00Z");
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
			return object().put("error", message).toString();
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

	};

	static final ObjectMapper MAPPER = new ObjectMapper();

	private static final long CREATED = 1_767_225_600L;

	private final String path;

	Dialect(String path) {
		this.path = path;
	}

	/**
	 * Path of the chat endpoint, below a member's base URL.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Whether a request path below a member's base URL is this dialect's chat endpoint.
	 * @param path the path
	 * @return {@code true} when this dialect answers it
	 */
	boolean serves(String path) {
		return this.path.equals(path);
	}

	/**
	 * Model a request names.
	 * @param path request path below the member's base URL
	 * @param body request body
	 * @return the model, or {@code null}
	 */
	String model(String path, JsonNode body) {
		JsonNode model = body.get("model");
		return (model != null && !model.isNull()) ? model.asText() : null;
	}

	/**
	 * Whether a request asks for a stream.
	 * @param path request path below the member's base URL
	 * @param body request body
	 * @return {@code true} for a stream
	 */
	boolean stream(String path, JsonNode body) {
		return body.path("stream").asBoolean(false);
	}

	/**
	 * The conversation a request carries.
	 * @param body request body
	 * @return its turns
	 */
	List<Turn> turns(JsonNode body) {
		List<Turn> turns = new ArrayList<>();
		for (JsonNode message : body.path("messages")) {
			turns.add(new Turn(message.path("role").asText(), textOf(message.path("content"))));
		}
		return turns;
	}

	/**
	 * How the ids of this dialect's answers start.
	 * @return the prefix
	 */
	String idPrefix() {
		return "msg_";
	}

	/**
	 * Whether the dialect says how long to wait in a {@code Retry-After} header.
	 * @return {@code false} when it says so in the error body instead
	 */
	boolean retryAfterInHeader() {
		return true;
	}

	/**
	 * The provider's error body for a status, with a wait the provider asks for.
	 * @param status HTTP status
	 * @param retryAfter the wait, as a {@code Retry-After} value, or {@code null}
	 * @return the body
	 */
	String errorBodyWithWait(int status, String retryAfter) {
		return errorBody(status);
	}

	abstract String completion(String id, String model, String text, Usage usage);

	abstract List<String> streamEvents(String id, String model, List<String> pieces, Usage usage);

	/**
	 * A blocking answer that asks the caller to run a tool (with no arguments).
	 */
	abstract String toolCall(String id, String model, String toolName, Usage usage);

	/**
	 * The first tool a request offers.
	 * @return the tool's name, or {@code null} when the request offers none
	 */
	abstract String requestedTool(JsonNode body);

	/**
	 * The result of the last tool call a request carries back.
	 * @return the result text, or {@code null} when the request carries none
	 */
	abstract String toolResult(JsonNode body);

	/**
	 * The provider's usual error body for a status.
	 * @param status HTTP status
	 * @return the body
	 */
	String errorBody(int status) {
		return errorBody(status, errorMessage(status));
	}

	/**
	 * How many of a stream's last events end it (finish reason, stop event, done marker).
	 * @return the number of terminal events
	 */
	abstract int terminalEvents();

	/**
	 * An event that is not valid JSON, as a broken provider might send.
	 * @return the malformed event
	 */
	String malformedEvent() {
		return "data: {\"id\": \"oops\", \"choices\": [\n\n";
	}

	/**
	 * Body of an HTTP 400 for a request problem, in the provider's own words.
	 * @param problem the problem
	 * @return the body
	 */
	String problemBody(Fault.Problem problem) {
		return errorBody(400, switch (problem) {
			case CONTEXT_LENGTH -> contextLengthMessage();
			case CONTENT_FILTER -> "The response was filtered due to the prompt triggering the content management "
					+ "policy (content_filter)";
			case PREFILL_REJECTED -> "This model does not support assistant message prefill. "
					+ "The conversation must end with a user message.";
			case NONE -> errorMessage(400);
		});
	}

	abstract String contextLengthMessage();

	abstract String errorBody(int status, String message);

	/**
	 * The bytes of one stream event as the provider frames it.
	 * @param event an event of {@link #streamEvents} or {@link #malformedEvent()}
	 * @return its bytes on the wire
	 */
	byte[] encode(String event) {
		return event.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Headers the provider sends with an error.
	 * @param status HTTP status
	 * @param body the error body
	 * @return the headers, none by default
	 */
	Map<String, String> errorHeaders(int status, String body) {
		return Map.of();
	}

	/**
	 * Content type of a streamed answer.
	 * @return server-sent events, unless the API streams otherwise
	 */
	String streamContentType() {
		return "text/event-stream";
	}

	/**
	 * One message of a request's conversation.
	 *
	 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
	 * @param text its text
	 */
	public record Turn(String role, String text) {
	}

	/**
	 * Token counts reported with an answer.
	 *
	 * @param input prompt tokens
	 * @param output completion tokens
	 */
	record Usage(int input, int output) {
	}

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

	private static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	private static String sse(String event, JsonNode data) {
		return ((event != null) ? "event: " + event + "\n" : "") + "data: " + data + "\n\n";
	}

	/**
	 * The provider's usual words for an error status.
	 * @param status HTTP status
	 * @return the message
	 */
	String errorMessage(int status) {
		return switch (status) {
			case 400 -> "Invalid request: the request was malformed";
			case 401 -> "Invalid API key provided";
			case 403 -> "Permission denied for this model";
			case 404 -> "The model does not exist or you do not have access to it";
			case 413 -> "Request too large";
			case 429 -> "Rate limit reached for requests";
			case 529 -> "The server is overloaded";
			case 503 -> "Service temporarily unavailable";
			default -> "The server had an error while processing your request";
		};
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

	private static String googleStatus(int status) {
		return switch (status) {
			case 400, 413 -> "INVALID_ARGUMENT";
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "PERMISSION_DENIED";
			case 404 -> "NOT_FOUND";
			case 429 -> "RESOURCE_EXHAUSTED";
			case 501 -> "UNIMPLEMENTED";
			case 503 -> "UNAVAILABLE";
			case 504 -> "DEADLINE_EXCEEDED";
			default -> "INTERNAL";
		};
	}

	private static Long wholeSeconds(String retryAfter) {
		if (retryAfter == null) {
			return null;
		}
		try {
			return Math.max(0, Math.round(Double.parseDouble(retryAfter.trim())));
		}
		catch (NumberFormatException ex) {
			return null;
		}
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

}
