package io.github.modelpool.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A chat provider on the loopback interface that speaks the OpenAI, Azure OpenAI,
 * Anthropic, Gemini, Bedrock Converse and Ollama APIs ({@link Dialect}), blocking and
 * streamed, and OpenAI's, Ollama's and Gemini's embedding APIs ({@link EmbeddingApi}), for any
 * number of members. A member is addressed by the first
 * path segment: point a model's base URL at {@link #baseUrl(String)}.
 * <p>
 * Faults are set in code ({@link #member(String)}) or over HTTP:
 * {@code PUT /_simulator/members/{id}/fault} with a JSON body such as
 * {@code {"status": 429, "retryAfter": "5"}}, {@code {"cutAfterChunks": 2}},
 * {@code {"ending": "stall", "chunks": 3}}, {@code {"problem": "context-length"}} or
 * {@code {"delayMs": 800}} (add {@code "count": n} to fail only the next n requests),
 * {@code DELETE /_simulator/members/{id}/fault} to heal,
 * {@code PUT /_simulator/members/{id}/limits} with {@code {"requests": 60, "tokens": 10000, "windowMs": 60000}}
 * to enforce an account's rate limits ({@code DELETE} to lift them), and
 * {@code GET /_simulator/members} to list members.
 */
public final class ProviderSimulator implements AutoCloseable {

	private static final String CONTROL_PREFIX = "/_simulator/members";

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, SimulatedMember> members = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private volatile ReplyWriter replyWriter = ReplyWriter.ECHO;

	private volatile Duration latency = Duration.ZERO;

	private volatile Duration chunkDelay = Duration.ZERO;

	private volatile Clock clock = Clock.systemUTC();

	private ProviderSimulator(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start on an ephemeral port of 127.0.0.1.
	 * @return the running simulator
	 */
	public static ProviderSimulator start() {
		return start(0);
	}

	/**
	 * Start on the given port of 127.0.0.1.
	 * @param port the port, {@code 0} for an ephemeral one
	 * @return the running simulator
	 */
	public static ProviderSimulator start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
				Thread thread = new Thread(runnable, "provider-simulator");
				thread.setDaemon(true);
				return thread;
			});
			ProviderSimulator simulator = new ProviderSimulator(server, executor);
			server.createContext("/", simulator::handle);
			server.setExecutor(executor);
			server.start();
			return simulator;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Provider simulator could not listen on 127.0.0.1:" + port, ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Base URL a Spring AI model uses to reach a member.
	 * @param member member id
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl(String member) {
		return "http://127.0.0.1:" + port() + "/" + member(member).id();
	}

	/**
	 * The member with this id, created on first use.
	 * @param id member id
	 * @return the member
	 */
	public SimulatedMember member(String id) {
		return this.members.computeIfAbsent(id,
				(newId) -> new SimulatedMember(newId, () -> this.clock).chunkDelay(this.chunkDelay));
	}

	/**
	 * Answer with text from this writer instead of echoing.
	 * @param replyWriter the writer
	 * @return this simulator
	 */
	public ProviderSimulator replies(ReplyWriter replyWriter) {
		this.replyWriter = replyWriter;
		return this;
	}

	/**
	 * Make every member take time, like a real provider: a wait before each answer and
	 * between stream chunks. Applies to members created before and after.
	 * @param latency wait before answering
	 * @param chunkDelay wait between stream chunks
	 * @return this simulator
	 */
	public ProviderSimulator pace(Duration latency, Duration chunkDelay) {
		this.latency = latency;
		this.chunkDelay = chunkDelay;
		this.members.values().forEach((member) -> member.chunkDelay(chunkDelay));
		return this;
	}

	/**
	 * Clock that ends {@link SimulatedMember#failFor faults for a period}, so tests can
	 * move time instead of waiting.
	 * @param clock the clock
	 * @return this simulator
	 */
	public ProviderSimulator clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	public Collection<SimulatedMember> members() {
		return List.copyOf(this.members.values());
	}

	/** Heal every member, restore its pace and the clock, and forget every request. */
	public void reset() {
		this.clock = Clock.systemUTC();
		this.members.values().forEach((member) -> {
			member.healthy();
			member.chunkDelay(this.chunkDelay);
			member.clearRequests();
			member.promptCache().clear();
			member.unlimited();
			member.malformedRateLimitHeaders(false);
			member.embeddingDimensions(SimulatedMember.DEFAULT_EMBEDDING_DIMENSIONS);
		});
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			route(exchange);
			exchange.close();
		}
		catch (StreamCut cut) {
			// Leave the exchange unclosed: the server drops the connection mid-response.
			throw cut;
		}
		catch (RuntimeException ex) {
			send(exchange, 400, "application/json", "{\"error\":\"bad request\"}", null);
			exchange.close();
		}
	}

	private void route(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.startsWith(CONTROL_PREFIX)) {
			control(exchange, path.substring(CONTROL_PREFIX.length()));
			return;
		}
		int slash = path.indexOf('/', 1);
		String endpoint = (slash > 0) ? path.substring(slash) : null;
		EmbeddingApi embeddingApi = (endpoint != null) ? EmbeddingApi.serving(endpoint) : null;
		if (embeddingApi != null && "POST".equals(exchange.getRequestMethod())) {
			embed(exchange, embeddingApi, member(path.substring(1, slash)), endpoint);
			return;
		}
		Dialect dialect = (endpoint != null) ? dialectOf(endpoint) : null;
		if (dialect == null || !"POST".equals(exchange.getRequestMethod())) {
			send(exchange, 404, "application/json", "{\"error\":\"no such endpoint\"}", null);
			return;
		}
		SimulatedMember member = member(path.substring(1, slash));
		JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
		RecordedRequest request = new RecordedRequest(member.id(), dialect, endpoint, headersOf(exchange), body);
		Fault fault = receive(member, request);
		if (fault.isError() || fault.body() != null) {
			sendFault(exchange, dialect.protocol(), fault);
		}
		else if (refuses(fault.problem(), request)) {
			sendError(exchange, dialect.protocol(), 400, dialect.protocol().problemBody(fault.problem()), null);
		}
		else if (!request.stream() && fault.ending() == Fault.Ending.STALL) {
			pause(Fault.SILENCE);
		}
		else {
			answer(exchange, dialect, member, request, fault);
		}
	}

	/**
	 * An answer, within the account's limits: a request beyond them is refused with 429
	 * and a Retry-After until its window ends.
	 */
	private void answer(HttpExchange exchange, Dialect dialect, SimulatedMember member, RecordedRequest request,
			Fault fault) throws IOException {
		boolean callsTool = !request.stream() && request.requestedTool() != null && request.toolResult() == null;
		String text = callsTool ? "" : replyText(member, request);
		RateWindow window = member.rateWindow();
		if (window != null) {
			RateWindow.Decision decision = window.admit(inputWords(request) + words(text), member.now());
			dialect.protocol()
				.rateLimitHeaders(decision, member.malformedRateHeaders())
				.forEach(exchange.getResponseHeaders()::set);
			if (!decision.admitted()) {
				member.refusedForLimits();
				String retryAfter = decision.retryAfterSeconds();
				sendError(exchange, dialect.protocol(), 429, dialect.protocol().errorBodyWithWait(429, retryAfter),
						retryAfter);
				return;
			}
		}
		if (request.stream()) {
			stream(exchange, dialect, member, request, fault, text);
		}
		else if (callsTool) {
			// A request that offers tools first gets a call of the first one, then an answer.
			send(exchange, 200, "application/json", dialect.protocol().toolCall(nextId(dialect), modelOf(request),
					request.requestedTool(), usage(member, request, "")), null);
		}
		else {
			send(exchange, 200, "application/json", dialect.protocol()
				.completion(nextId(dialect), modelOf(request), text, usage(member, request, text)), null);
		}
	}

	/**
	 * An embedding request: recorded, answered with the member's fault like a chat
	 * request (an error, a delay, a reset), else with a vector per input of the length
	 * the request asks for ({@code dimensions}) or the member's.
	 */
	private void embed(HttpExchange exchange, EmbeddingApi api, SimulatedMember member, String endpoint)
			throws IOException {
		JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
		RecordedRequest request = new RecordedRequest(member.id(), api.dialect(), endpoint, headersOf(exchange), body);
		Fault fault = receive(member, request);
		if (fault.isError() || fault.body() != null) {
			sendFault(exchange, api.dialect().protocol(), fault);
			return;
		}
		int dimensions = api.dimensions(body);
		send(exchange, 200, "application/json",
				api.answer(endpoint, body, (dimensions > 0) ? dimensions : member.embeddingDimensions()), null);
	}

	/**
	 * Record a request at its member and take the fault it answers with, after the pace
	 * and the fault's delay; a reset drops the connection here.
	 */
	private Fault receive(SimulatedMember member, RecordedRequest request) {
		Fault fault = member.receive(request);
		pause(this.latency.plus(fault.delay()));
		if (fault.isReset()) {
			throw new StreamCut();
		}
		return fault;
	}

	/**
	 * A fault's error answer: its own body, or the API's error body for its status.
	 */
	private static void sendFault(HttpExchange exchange, Protocol protocol, Fault fault) throws IOException {
		String body = (fault.body() != null) ? fault.body()
				: protocol.errorBodyWithWait(fault.status(), fault.retryAfter());
		sendError(exchange, protocol, fault.status(), body, fault.retryAfter());
	}

	/**
	 * An error answer with the API's error headers, and the wait in a Retry-After header
	 * where the API puts it there.
	 */
	private static void sendError(HttpExchange exchange, Protocol protocol, int status, String body,
			String retryAfter) throws IOException {
		protocol.errorHeaders(status, body).forEach(exchange.getResponseHeaders()::set);
		send(exchange, status, "application/json", body, protocol.retryAfterInHeader() ? retryAfter : null);
	}

	private static boolean refuses(Fault.Problem problem, RecordedRequest request) {
		return switch (problem) {
			case NONE -> false;
			case PREFILL_REJECTED -> request.trailingAssistantText() != null;
			case CONTEXT_LENGTH, CONTENT_FILTER -> true;
		};
	}

	private void stream(HttpExchange exchange, Dialect dialect, SimulatedMember member, RecordedRequest request,
			Fault fault, String text) throws IOException {
		List<String> events = dialect.protocol().streamEvents(nextId(dialect), modelOf(request), pieces(text),
				usage(member, request, text));
		exchange.getResponseHeaders().set("Content-Type", dialect.protocol().streamContentType());
		Fault.Ending ending = fault.ending();
		boolean breaks = ending == Fault.Ending.CUT || ending == Fault.Ending.STALL
				|| ending == Fault.Ending.MALFORMED;
		// A broken stream promises more bytes than it sends, so the client sees the
		// connection close in the middle of the response.
		exchange.sendResponseHeaders(200, breaks ? Integer.MAX_VALUE : 0);
		OutputStream out = exchange.getResponseBody();
		int limit = switch (ending) {
			case COMPLETE -> events.size();
			case NO_FINISH -> Math.min(fault.chunks(), events.size() - dialect.protocol().terminalEvents());
			default -> Math.min(fault.chunks(), events.size());
		};
		for (int i = 0; i < limit; i++) {
			write(out, dialect.protocol().encode(events.get(i)));
			pause(member.chunkDelay());
		}
		if (ending == Fault.Ending.MALFORMED) {
			write(out, dialect.protocol().encode(dialect.protocol().malformedEvent()));
		}
		if (ending == Fault.Ending.STALL) {
			pause(Fault.SILENCE);
		}
		if (breaks) {
			throw new StreamCut();
		}
		out.close();
	}

	private static void write(OutputStream out, byte[] event) throws IOException {
		out.write(event);
		out.flush();
	}

	private void control(HttpExchange exchange, String rest) throws IOException {
		String method = exchange.getRequestMethod();
		if (rest.isEmpty() || rest.equals("/")) {
			ArrayNode list = Json.MAPPER.createArrayNode();
			this.members.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach((member) -> {
				ObjectNode node = list.addObject().put("id", member.id()).put("requests", member.requestCount());
				node.set("fault", faultJson(member.standingFault()));
			});
			send(exchange, 200, "application/json", list.toString(), null);
			return;
		}
		String[] parts = rest.substring(1).split("/");
		if (parts.length == 2 && "limits".equals(parts[1])) {
			limitsControl(exchange, member(parts[0]), method);
			return;
		}
		if (parts.length != 2 || !"fault".equals(parts[1])) {
			send(exchange, 404, "application/json", "{\"error\":\"no such endpoint\"}", null);
			return;
		}
		SimulatedMember member = member(parts[0]);
		if ("DELETE".equals(method)) {
			member.healthy();
		}
		else if ("PUT".equals(method) || "POST".equals(method)) {
			JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
			Fault fault = faultOf(body);
			int count = body.path("count").asInt(0);
			if (count > 0) {
				member.failNext(Collections.nCopies(count, fault).toArray(Fault[]::new));
			}
			else {
				member.fail(fault);
			}
		}
		else {
			send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}", null);
			return;
		}
		send(exchange, 200, "application/json", faultJson(member.standingFault()).toString(), null);
	}

	/**
	 * {@code PUT} limits as {@code {"requests": 60, "tokens": 10000, "windowMs": 60000}}
	 * (a missing limit is none, the window a minute); {@code DELETE} lifts them.
	 */
	private void limitsControl(HttpExchange exchange, SimulatedMember member, String method) throws IOException {
		if ("DELETE".equals(method)) {
			member.unlimited();
		}
		else if ("PUT".equals(method) || "POST".equals(method)) {
			JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
			member.limits(body.path("requests").asLong(0), body.path("tokens").asLong(0),
					Duration.ofMillis(body.path("windowMs").asLong(60_000)));
		}
		else {
			send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}", null);
			return;
		}
		send(exchange, 200, "application/json", "{}", null);
	}

	/**
	 * A fault from its JSON form: {@code status}, {@code retryAfter}, {@code body},
	 * {@code delayMs}, {@code ending} ({@code cut}, {@code stall}, {@code malformed},
	 * {@code no-finish}) with {@code chunks}, {@code problem} ({@code context-length},
	 * {@code content-filter}, {@code prefill-rejected}), and {@code cutAfterChunks} as a
	 * short form of a cut.
	 */
	private static Fault faultOf(JsonNode body) {
		Fault.Ending ending = Fault.Ending.valueOf(body.path("ending").asText("complete").toUpperCase(Locale.ROOT)
			.replace('-', '_'));
		int chunks = body.path("chunks").asInt(0);
		if (body.has("cutAfterChunks") && body.path("cutAfterChunks").asInt(-1) >= 0) {
			ending = Fault.Ending.CUT;
			chunks = body.path("cutAfterChunks").asInt();
		}
		Fault.Problem problem = Fault.Problem.valueOf(body.path("problem").asText("none").toUpperCase(Locale.ROOT)
			.replace('-', '_'));
		return new Fault(body.path("status").asInt(200), textOrNull(body.get("retryAfter")),
				textOrNull(body.get("body")), Duration.ofMillis(body.path("delayMs").asLong(0)), ending, chunks,
				problem);
	}

	private static ObjectNode faultJson(Fault fault) {
		return Json.MAPPER.createObjectNode()
			.put("status", fault.status())
			.put("retryAfter", fault.retryAfter())
			.put("delayMs", fault.delay().toMillis())
			.put("ending", lowerKebab(fault.ending()))
			.put("chunks", fault.chunks())
			.put("problem", lowerKebab(fault.problem()));
	}

	private static String lowerKebab(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String textOrNull(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asText();
	}

	private static Dialect dialectOf(String path) {
		for (Dialect dialect : Dialect.values()) {
			if (dialect.protocol().serves(path)) {
				return dialect;
			}
		}
		return null;
	}

	private static Map<String, List<String>> headersOf(HttpExchange exchange) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
				List.copyOf(values)));
		return headers;
	}

	private static String modelOf(RecordedRequest request) {
		String model = request.model();
		return (model != null) ? model : "unspecified";
	}

	/**
	 * The reply, or for a request that ends with an assistant message (a prefill) and
	 * whose reply starts with that text, the rest of the reply.
	 */
	private String replyText(SimulatedMember member, RecordedRequest request) {
		String reply = this.replyWriter.reply(member, request);
		String prefill = request.trailingAssistantText();
		return (prefill != null && !prefill.isEmpty() && reply.startsWith(prefill))
				? reply.substring(prefill.length()) : reply;
	}

	private static List<String> pieces(String text) {
		List<String> pieces = new ArrayList<>();
		int start = 0;
		for (int i = 1; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == ' ') {
				pieces.add(text.substring(start, i));
				start = i;
			}
		}
		return pieces;
	}

	/**
	 * Tokens are words, the simulator's own rule; the account's prompt cache says how many
	 * of the prompt's were cached.
	 */
	private static Usage usage(SimulatedMember member, RecordedRequest request, String reply) {
		List<Turn> turns = request.turns();
		int input = inputWords(request);
		int cached = member.promptCache().cachedTokens(turns, (turn) -> words(turn.text()), member.now());
		return new Usage(Math.max(input, 1), words(reply), Math.min(cached, Math.max(input, 1)));
	}

	private static int inputWords(RecordedRequest request) {
		int input = 0;
		for (Turn turn : request.turns()) {
			input += words(turn.text());
		}
		return input;
	}

	private static int words(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
	}

	private String nextId(Dialect dialect) {
		return dialect.protocol().idPrefix() + this.ids.incrementAndGet();
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body, String retryAfter)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if (retryAfter != null) {
			exchange.getResponseHeaders().set("Retry-After", retryAfter);
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void pause(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ends a handler so the server drops the connection mid-response. */
	private static final class StreamCut extends RuntimeException {

		StreamCut() {
			super("stream cut on purpose", null, false, false);
		}

	}

}
