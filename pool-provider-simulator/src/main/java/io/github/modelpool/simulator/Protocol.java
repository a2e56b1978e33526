package io.github.modelpool.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one provider's API is spoken: its path, its answers, its stream events and their
 * framing, its error bodies and headers. The defaults are OpenAI-like; each provider's
 * protocol says where it differs.
 */
abstract class Protocol {

	private final String path;

	Protocol(String path) {
		this.path = path;
	}

	/**
	 * Path of the chat endpoint below a member's base URL, as documented.
	 * @return the path
	 */
	String path() {
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
			turns.add(new Turn(message.path("role").asText(), Json.textOf(message.path("content"))));
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
	 * The provider's rate-limit headers for an answer under an account's limits.
	 * @param decision what the account's window said
	 * @param malformed whether to send them malformed
	 * @return the headers, none by default (the API has none)
	 */
	Map<String, String> rateLimitHeaders(RateWindow.Decision decision, boolean malformed) {
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

}
