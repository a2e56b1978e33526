package io.github.modelpool.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Gemini API ({@code /v1beta/models/{model}:generateContent}, streamed by
 * {@code :streamGenerateContent?alt=sse}), as Google's Gen AI SDK calls it: the model
 * and the stream are in the path, errors are Google API errors without a
 * {@code Retry-After} header.
 */
class GeminiProtocol extends Protocol {

	private static final PathRoute ROUTE = new PathRoute(
			"/v1(?:beta|alpha)?/models/([^/:]+):(generateContent|streamGenerateContent)");

	GeminiProtocol() {
		super("/v1beta/models/{model}:generateContent");
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
		String method = ROUTE.group(path, 2);
		return method != null && method.startsWith("stream");
	}

	@Override
	List<Turn> turns(JsonNode body) {
		List<Turn> turns = new ArrayList<>();
		JsonNode system = body.path("systemInstruction");
		if (!system.isMissingNode()) {
			turns.add(new Turn("system", Json.textOf(system.path("parts"))));
		}
		for (JsonNode content : body.path("contents")) {
			boolean toolResult = false;
			for (JsonNode part : content.path("parts")) {
				toolResult |= part.has("functionResponse");
			}
			String role = toolResult ? "tool" : "model".equals(content.path("role").asText()) ? "assistant" : "user";
			turns.add(new Turn(role, Json.textOf(content.path("parts"))));
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
			events.add(Json.sse(null, chunk));
		}
		ObjectNode last = answer(id, model);
		candidate(last, "STOP").putArray("parts").addObject().put("text", "");
		putUsage(last, usage);
		events.add(Json.sse(null, last));
		return events;
	}

	private ObjectNode answer(String id, String model) {
		return Json.object().put("modelVersion", model).put("responseId", id);
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
		root.putObject("usageMetadata")
			.put("promptTokenCount", usage.input())
			.put("cachedContentTokenCount", usage.cached())
			.put("candidatesTokenCount", usage.output())
			.put("totalTokenCount", usage.input() + usage.output());
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
		ObjectNode root = Json.object();
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

}
