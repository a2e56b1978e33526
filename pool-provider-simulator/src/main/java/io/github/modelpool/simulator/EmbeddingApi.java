package io.github.modelpool.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An embedding API the simulator speaks: OpenAI's {@code /v1/embeddings} (floats, or
 * Base64 of little-endian 32-bit floats when the request asks for {@code base64}),
 * Ollama's {@code /api/embed} and the Gemini API's
 * {@code /v1beta/models/{model}:batchEmbedContents} (and {@code :embedContent}). Vectors are a function of the model, the text and the
 * dimensions alone, unit length, so two models never share a vector space and the same
 * text always embeds alike at one model.
 */
public enum EmbeddingApi {

	/** OpenAI embeddings ({@code /v1/embeddings}). */
	OPENAI(Dialect.OPENAI),

	/** Ollama's embed API ({@code /api/embed}). */
	OLLAMA(Dialect.OLLAMA),

	/** The Gemini API's embedding methods, as Google's Gen AI SDK calls them. */
	GEMINI(Dialect.GEMINI);

	private static final PathRoute GEMINI_ROUTE = new PathRoute(
			"/v1(?:beta|alpha)?/models/([^/:]+):(batchEmbedContents|embedContent)");

	private final Dialect dialect;

	EmbeddingApi(Dialect dialect) {
		this.dialect = dialect;
	}

	/**
	 * The API serving a path below a member's base URL.
	 * @param path the path
	 * @return the API, or {@code null} when the path is not an embedding endpoint
	 */
	static EmbeddingApi serving(String path) {
		if (path.equals("/v1/embeddings") || path.equals("/embeddings")) {
			return OPENAI;
		}
		if (GEMINI_ROUTE.matches(path)) {
			return GEMINI;
		}
		return path.equals("/api/embed") ? OLLAMA : null;
	}

	/**
	 * The model a request asks for: in the path for Gemini, else in the body.
	 * @param path the path below the member's base URL
	 * @param body the request
	 * @return the model
	 */
	String model(String path, JsonNode body) {
		return (this == GEMINI) ? GEMINI_ROUTE.group(path, 1) : body.path("model").asText("unspecified");
	}

	/**
	 * The vectors' length a request asks for.
	 * @param body the request
	 * @return the length, 0 when it asks for none
	 */
	int dimensions(JsonNode body) {
		if (this == GEMINI) {
			JsonNode first = body.has("requests") ? body.path("requests").path(0) : body;
			return first.path("outputDimensionality").asInt(0);
		}
		return body.path("dimensions").asInt(0);
	}

	/**
	 * The dialect whose errors this API answers with.
	 * @return the dialect
	 */
	Dialect dialect() {
		return this.dialect;
	}

	/**
	 * The texts a request asks to embed: its {@code input}, one text or several.
	 * @param body the request
	 * @return the texts
	 */
	List<String> inputs(JsonNode body) {
		List<String> texts = new ArrayList<>();
		if (this == GEMINI) {
			List<JsonNode> requests = new ArrayList<>();
			body.path("requests").forEach(requests::add);
			if (requests.isEmpty()) {
				requests.add(body);
			}
			requests.forEach((request) -> texts.add(Json.textOf(request.path("content").path("parts"))));
			return texts;
		}
		JsonNode input = body.path("input");
		if (input.isArray()) {
			input.forEach((text) -> texts.add(text.asText()));
		}
		else if (!input.isMissingNode() && !input.isNull()) {
			texts.add(input.asText());
		}
		return texts;
	}

	/**
	 * The answer to an embedding request.
	 * @param path the path below the member's base URL
	 * @param body the request
	 * @param dimensions the vectors' length
	 * @return the JSON answer
	 */
	String answer(String path, JsonNode body, int dimensions) {
		String model = model(path, body);
		List<String> texts = inputs(body);
		int tokens = 0;
		for (String text : texts) {
			String stripped = text.strip();
			tokens += stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
		}
		ObjectNode answer = Json.object();
		if (this == OPENAI) {
			boolean base64 = "base64".equals(body.path("encoding_format").asText());
			answer.put("object", "list");
			ArrayNode data = answer.putArray("data");
			for (int i = 0; i < texts.size(); i++) {
				ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
				float[] vector = vector(model, texts.get(i), dimensions);
				if (base64) {
					item.put("embedding", base64(vector));
				}
				else {
					ArrayNode values = item.putArray("embedding");
					for (float value : vector) {
						values.add(value);
					}
				}
			}
			answer.put("model", model);
			answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
		}
		else if (this == GEMINI) {
			ArrayNode embeddings = answer.putArray("embeddings");
			for (String text : texts) {
				ArrayNode values = embeddings.addObject().putArray("values");
				for (float value : vector(model, text, dimensions)) {
					values.add(value);
				}
			}
			if (path.endsWith(":embedContent")) {
				ObjectNode single = Json.object();
				single.set("embedding", embeddings.get(0));
				return single.toString();
			}
		}
		else {
			answer.put("model", model);
			ArrayNode embeddings = answer.putArray("embeddings");
			for (String text : texts) {
				ArrayNode values = embeddings.addArray();
				for (float value : vector(model, text, dimensions)) {
					values.add(value);
				}
			}
			answer.put("total_duration", 1000).put("load_duration", 100).put("prompt_eval_count", tokens);
		}
		return answer.toString();
	}

	/**
	 * The vector of a text at a model: unit length, a function of the model, the text
	 * and the length alone.
	 * @param model the model
	 * @param text the text
	 * @param dimensions the length
	 * @return the vector
	 */
	public static float[] vector(String model, String text, int dimensions) {
		long state = 0xcbf29ce484222325L;
		for (byte b : (model + '\u0000' + text).getBytes(StandardCharsets.UTF_8)) {
			state = (state ^ (b & 0xff)) * 0x100000001b3L;
		}
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			state += 0x9e3779b97f4a7c15L;
			long mixed = state;
			mixed = (mixed ^ (mixed >>> 30)) * 0xbf58476d1ce4e5b9L;
			mixed = (mixed ^ (mixed >>> 27)) * 0x94d049bb133111ebL;
			mixed = mixed ^ (mixed >>> 31);
			vector[i] = (float) ((mixed >>> 11) * 0x1.0p-53 * 2 - 1);
			norm += vector[i] * vector[i];
		}
		float scale = (norm > 0) ? (float) (1 / Math.sqrt(norm)) : 1;
		for (int i = 0; i < dimensions; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	private static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			bytes.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(bytes.array());
	}

}
