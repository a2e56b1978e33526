package io.github.modelpool.smoke;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a smoke application reported on standard output ({@code SmokeCalls}): per pool,
 * the member and text of its blocking call and of its stream; the pools the
 * {@code modelpools} endpoint listed over JMX; the web server's port; the threads that
 * would have kept the JVM alive after the context closed; the state store; whether it
 * ran from code generated ahead of time.
 *
 * @param answers the answers, by pool and then by {@code call} or {@code stream}
 * @param embeddings each embedding pool's answer, as {@code member:dimensions} by pool
 * @param store the state store's kind, reachability and last error, as reported
 * @param jmxEndpointPools the pools listed over JMX, when the endpoint is there
 * @param webPort the web server's port, when there is one
 * @param threadsLeft the non-daemon threads still running after the context closed, when
 * the application closed it by itself
 * @param aot whether it ran from code generated ahead of time, as it reported
 */
record SmokeReport(Map<String, Map<String, Answer>> answers, Map<String, String> embeddings, Optional<String> store,
		Optional<Set<String>> jmxEndpointPools, Optional<Integer> webPort, Optional<Set<String>> threadsLeft,
		Optional<Boolean> aot) {

	private static final Pattern ANSWER = Pattern.compile("^SMOKE pool=(\\S+) (call|stream) member=(\\S+) text=(.*)$");

	private static final Pattern EMBEDDING = Pattern.compile("^SMOKE pool=(\\S+) embed member=(\\S+) dimensions=(\\d+)$");

	private static final String STORE = "SMOKE store ";

	private static final String JMX_ENDPOINT = "SMOKE jmx-endpoint pools=";

	private static final String WEB_PORT = "SMOKE web-port=";

	private static final String THREADS_LEFT = "SMOKE threads-left=";

	private static final String AOT = "SMOKE aot=";

	/**
	 * An answer: who served it and what it said.
	 *
	 * @param member the serving members, comma separated
	 * @param text the text
	 */
	record Answer(String member, String text) {
	}

	static SmokeReport of(List<String> lines) {
		Map<String, Map<String, Answer>> answers = new LinkedHashMap<>();
		Map<String, String> embeddings = new LinkedHashMap<>();
		String store = null;
		Set<String> jmxPools = null;
		Integer webPort = null;
		Set<String> threadsLeft = null;
		Boolean aot = null;
		for (String line : lines) {
			Matcher answer = ANSWER.matcher(line);
			Matcher embedding = EMBEDDING.matcher(line);
			if (answer.matches()) {
				answers.computeIfAbsent(answer.group(1), (pool) -> new LinkedHashMap<>())
					.put(answer.group(2), new Answer(answer.group(3), answer.group(4)));
			}
			else if (embedding.matches()) {
				embeddings.put(embedding.group(1), embedding.group(2) + ":" + embedding.group(3));
			}
			else if (line.startsWith(STORE)) {
				store = line.substring(STORE.length());
			}
			else if (line.startsWith(JMX_ENDPOINT)) {
				jmxPools = names(line.substring(JMX_ENDPOINT.length()));
			}
			else if (line.startsWith(THREADS_LEFT)) {
				threadsLeft = names(line.substring(THREADS_LEFT.length()));
			}
			else if (line.startsWith(WEB_PORT)) {
				webPort = Integer.valueOf(line.substring(WEB_PORT.length()).strip());
			}
			else if (line.startsWith(AOT)) {
				aot = Boolean.valueOf(line.substring(AOT.length()).strip());
			}
		}
		return new SmokeReport(answers, embeddings, Optional.ofNullable(store), Optional.ofNullable(jmxPools),
				Optional.ofNullable(webPort), Optional.ofNullable(threadsLeft), Optional.ofNullable(aot));
	}

	private static Set<String> names(String commaSeparated) {
		Set<String> names = new TreeSet<>(Arrays.asList(commaSeparated.split(",")));
		names.remove("");
		return names;
	}

	/**
	 * Where the answers differ from the expected ones: exactly the expected pools, each
	 * served by its expected member, in the simulator's words, blocking and streamed, and
	 * a state store of the expected kind that answered throughout.
	 * @param expected the serving member by pool id
	 * @param expectedEmbeddings the answering member and vector length by embedding pool id
	 * @param question what the application asked
	 * @param storeKind the expected store, {@code memory} or {@code redis}
	 * @return the differences, empty when none
	 */
	List<String> problems(Map<String, String> expected, Map<String, String> expectedEmbeddings, String question,
			String storeKind) {
		List<String> problems = new ArrayList<>();
		String store = "kind=" + storeKind + " reachable=true last-error=none";
		if (!this.store.equals(Optional.of(store))) {
			problems.add("reported the state store as " + this.store.orElse("nothing") + ", expected " + store);
		}
		if (!this.answers.keySet().equals(expected.keySet())) {
			problems.add("reported pools " + this.answers.keySet() + ", expected " + expected.keySet());
		}
		if (!this.embeddings.equals(expectedEmbeddings)) {
			problems.add("reported embedding answers " + this.embeddings + " (member:dimensions), expected "
					+ expectedEmbeddings);
		}
		expected.forEach((pool, member) -> {
			Answer wanted = new Answer(member, "[" + member + "] You said: " + question);
			for (String kind : List.of("call", "stream")) {
				Answer got = this.answers.getOrDefault(pool, Map.of()).get(kind);
				if (!wanted.equals(got)) {
					problems.add("pool " + pool + " " + kind + ": got " + got + ", expected " + wanted);
				}
			}
		});
		return problems;
	}

}
