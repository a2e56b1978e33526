package io.github.modelpool.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProviderSimulatorTests {

	private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

	private final ProviderSimulator simulator = ProviderSimulator.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void answersEachDialectAndRecordsTheRequest() throws Exception {
		HttpResponse<String> openAi = post("/gpt/v1/chat/completions", CHAT);
		assertThat(openAi.statusCode()).isEqualTo(200);
		assertThat(openAi.body()).contains("\"content\":\"[gpt] You said: hi there\"").contains("\"total_tokens\"");
		HttpResponse<String> anthropic = post("/claude/v1/messages", CHAT);
		assertThat(anthropic.body()).contains("\"text\":\"[claude] You said: hi there\"").contains("\"input_tokens\"");
		assertThat(this.simulator.member("gpt").requests()).singleElement()
			.satisfies((request) -> assertThat(request.lastUserText()).isEqualTo("hi there"));
	}

	@Test
	void speaksTheGeminiApiWithTheModelAndTheStreamInThePath() throws Exception {
		String chat = "{\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]},"
				+ "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi there\"}]}]}";
		HttpResponse<String> answer = post("/gem/v1beta/models/gemini-2.0-flash:generateContent", chat);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"text\":\"[gem] You said: hi there\"")
			.contains("\"finishReason\":\"STOP\"")
			.contains("\"modelVersion\":\"gemini-2.0-flash\"")
			.contains("\"promptTokenCount\":4");
		HttpResponse<String> stream = post("/gem/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", chat);
		assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(stream.body()).startsWith("data: {").contains("\"text\":\" there\"").endsWith("\n\n");
		assertThat(this.simulator.member("gem").requests()).allSatisfy((request) -> {
			assertThat(request.model()).isEqualTo("gemini-2.0-flash");
			assertThat(request.lastUserText()).isEqualTo("hi there");
		});
		assertThat(this.simulator.member("gem").requests()).extracting(RecordedRequest::stream)
			.containsExactly(false, true);
	}

	@Test
	void geminiErrorsAreGoogleApiErrorsThatCarryTheWaitInTheBody() throws Exception {
		this.simulator.member("gem").failNext(Fault.status(429).withRetryAfter("7"));
		HttpResponse<String> limited = post("/gem/v1beta/models/gemini-2.0-flash:generateContent",
				"{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
		assertThat(limited.body()).contains("\"status\":\"RESOURCE_EXHAUSTED\"")
			.contains("Please retry in 7s.")
			.contains("\"retryDelay\":\"7s\"");
	}

	@Test
	void speaksAzureOpenAiDeploymentsWithAzureErrors() throws Exception {
		HttpResponse<String> answer = post("/az/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
		assertThat(answer.body()).contains("\"content\":\"[az] You said: hi there\"").contains("\"model\":\"gpt-4o\"");
		this.simulator.member("az").failNext(Fault.status(404));
		assertThat(post("/az/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", CHAT).body())
			.contains("\"code\":\"DeploymentNotFound\"");
	}

	@Test
	void controlApiSetsOneShotAndStandingFaultsAndHeals() throws Exception {
		send("PUT", "/_simulator/members/gpt/fault", "{\"status\":429,\"retryAfter\":\"7\",\"count\":1}");
		HttpResponse<String> limited = post("/gpt/v1/chat/completions", CHAT);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
		send("PUT", "/_simulator/members/gpt/fault", "{\"status\":503}");
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(503);
		assertThat(send("GET", "/_simulator/members", null).body()).contains("\"id\":\"gpt\"").contains("\"status\":503");
		send("DELETE", "/_simulator/members/gpt/fault", null);
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

	@Test
	void streamsServerSentEventsAndCutsThemOnRequest() throws Exception {
		String stream = CHAT.replace("{\"model\"", "{\"stream\":true,\"model\"");
		HttpResponse<String> whole = post("/gpt/v1/chat/completions", stream);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(whole.body()).endsWith("data: [DONE]\n\n");
		this.simulator.member("gpt").failNext(Fault.cutStreamAfter(2));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post("/gpt/v1/chat/completions", stream));
	}

	@Test
	void paceAndReplyWriterShapeAnswers() throws Exception {
		this.simulator.replies((member, request) -> "custom from " + member.id()).pace(Duration.ofMillis(50),
				Duration.ZERO);
		long start = System.nanoTime();
		assertThat(post("/gpt/v1/chat/completions", CHAT).body()).contains("custom from gpt");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	@Test
	void rejectsInvalidFaults() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Fault.status(42));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Fault.NONE.withDelay(Duration.ofSeconds(-1)));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.simulator.member("bad id"));
	}

	@Test
	void eachAccountsPromptCacheReportsTheLeadingMessagesItSawWithinItsTimeToLive() throws Exception {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		this.simulator.clock(Clock.fixed(start, ZoneOffset.UTC));
		String first = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief and kind\"},"
				+ "{\"role\":\"user\",\"content\":\"hi there\"}]}";
		String second = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief and kind\"},"
				+ "{\"role\":\"user\",\"content\":\"hi there\"},{\"role\":\"assistant\",\"content\":\"hello\"},"
				+ "{\"role\":\"user\",\"content\":\"how are you\"}]}";
		assertThat(post("/gpt/v1/chat/completions", first).body()).contains("\"cached_tokens\":0");
		// The first request's two messages (4 + 2 words) are a prefix of the second's.
		assertThat(post("/gpt/v1/chat/completions", second).body()).contains("\"prompt_tokens\":10")
			.contains("\"cached_tokens\":6");
		assertThat(post("/other/v1/chat/completions", second).body()).as("another account")
			.contains("\"cached_tokens\":0");
		assertThat(post("/claude/v1/messages", first).body()).contains("\"cache_read_input_tokens\":0");
		assertThat(post("/claude/v1/messages", second).body()).contains("\"input_tokens\":4")
			.contains("\"cache_read_input_tokens\":6");
		Instant expired = start.plus(PromptCache.DEFAULT_TTL).plusSeconds(1);
		this.simulator.clock(Clock.fixed(expired, ZoneOffset.UTC));
		assertThat(post("/gpt/v1/chat/completions", second).body()).as("expired").contains("\"cached_tokens\":0");
		this.simulator.member("gpt").promptCacheTtl(Duration.ofHours(1));
		this.simulator.clock(Clock.fixed(expired.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
		assertThat(post("/gpt/v1/chat/completions", second).body()).contains("\"cached_tokens\":10");
	}

	@Test
	void anAccountsLimitsRefuseWhatDoesNotFitItsWindowWithARetryAfterAndEveryAnswerSaysWhatIsLeft()
			throws Exception {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		this.simulator.clock(Clock.fixed(start, ZoneOffset.UTC));
		this.simulator.member("gpt").limits(2, 0, Duration.ofSeconds(10));
		HttpResponse<String> first = post("/gpt/v1/chat/completions", CHAT);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
		assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
		assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).hasValue("10s");
		this.simulator.clock(Clock.fixed(start.plusMillis(2_500), ZoneOffset.UTC));
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = post("/gpt/v1/chat/completions", CHAT);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("8");
		assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
		assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).hasValue("7s500ms");
		assertThat(this.simulator.member("gpt").rateLimitedCount()).isOne();
		this.simulator.clock(Clock.fixed(start.plusSeconds(10), ZoneOffset.UTC));
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenLimitsCountPromptAndAnswerWordsAndAnthropicSaysWhenTheyReset() throws Exception {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		this.simulator.clock(Clock.fixed(start, ZoneOffset.UTC));
		// "hi there" and "[claude] You said: hi there": 2 + 5 words.
		this.simulator.member("claude").limits(0, 10, Duration.ofSeconds(60));
		HttpResponse<String> first = post("/claude/v1/messages", CHAT);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("anthropic-ratelimit-tokens-remaining")).hasValue("3");
		assertThat(first.headers().firstValue("anthropic-ratelimit-tokens-reset")).hasValue("2026-01-01T00:01:00Z");
		assertThat(first.headers().firstValue("anthropic-ratelimit-requests-limit")).isEmpty();
		HttpResponse<String> refused = post("/claude/v1/messages", CHAT);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("retry-after")).hasValue("60");
		assertThat(refused.body()).contains("rate_limit_error");
	}

	@Test
	void limitsAreSetAndLiftedOverHttp() throws Exception {
		assertThat(send("PUT", "/_simulator/members/gpt/limits", "{\"requests\":1,\"windowMs\":60000}").statusCode())
			.isEqualTo(200);
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(429);
		assertThat(send("DELETE", "/_simulator/members/gpt/limits", null).statusCode()).isEqualTo(200);
		assertThat(post("/gpt/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

	@Test
	void embeddingsAnswerFloatsOrLittleEndianBase64AsAsked() throws Exception {
		String floats = post("/e/v1/embeddings", "{\"model\":\"m\",\"input\":[\"a b\"],\"dimensions\":4}").body();
		assertThat(Json.MAPPER.readTree(floats).path("data").get(0).path("embedding")).hasSize(4);
		assertThat(floats).contains("\"prompt_tokens\":2");
		String encoded = post("/e/v1/embeddings",
				"{\"model\":\"m\",\"input\":\"a b\",\"dimensions\":4,\"encoding_format\":\"base64\"}").body();
		byte[] bytes = Base64.getDecoder()
			.decode(Json.MAPPER.readTree(encoded).path("data").get(0).path("embedding").asText());
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		float[] expected = EmbeddingApi.vector("m", "a b", 4);
		for (float value : expected) {
			assertThat(buffer.getFloat()).isEqualTo(value);
		}
		String ollama = post("/o/api/embed", "{\"model\":\"m\",\"input\":[\"a b\",\"c\"]}").body();
		assertThat(Json.MAPPER.readTree(ollama).path("embeddings")).hasSize(2);
		assertThat(Json.MAPPER.readTree(ollama).path("embeddings").get(0))
			.hasSize(SimulatedMember.DEFAULT_EMBEDDING_DIMENSIONS);
	}

	@Test
	void geminiEmbeddingsAnswerEachRequestOfABatchWithTheModelInThePath() throws Exception {
		String batch = post("/g/v1beta/models/text-embedding-004:batchEmbedContents",
				"{\"requests\":[{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"a b\"}]},"
						+ "\"outputDimensionality\":4},{\"content\":{\"parts\":[{\"text\":\"c\"}]},"
						+ "\"outputDimensionality\":4}]}")
			.body();
		JsonNode embeddings = Json.MAPPER.readTree(batch).path("embeddings");
		assertThat(embeddings).hasSize(2);
		float[] expected = EmbeddingApi.vector("text-embedding-004", "c", 4);
		for (int i = 0; i < expected.length; i++) {
			assertThat((float) embeddings.get(1).path("values").get(i).asDouble()).isEqualTo(expected[i]);
		}
		String single = post("/g/v1beta/models/text-embedding-004:embedContent",
				"{\"content\":{\"parts\":[{\"text\":\"a b\"}]}}").body();
		assertThat(Json.MAPPER.readTree(single).path("embedding").path("values"))
			.hasSize(SimulatedMember.DEFAULT_EMBEDDING_DIMENSIONS);
		this.simulator.member("g").failNext(Fault.status(429));
		HttpResponse<String> limited = post("/g/v1beta/models/text-embedding-004:batchEmbedContents",
				"{\"requests\":[]}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.body()).contains("RESOURCE_EXHAUSTED");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return send("POST", path, body);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.simulator.port() + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
