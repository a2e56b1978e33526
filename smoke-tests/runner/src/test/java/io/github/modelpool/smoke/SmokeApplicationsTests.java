package io.github.modelpool.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.smoke.SmokeSet.Endpoint;
import io.github.modelpool.smoke.SmokeSet.SmokeRun;
import io.github.modelpool.testsupport.ApplicationProcess;
import io.github.modelpool.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts every smoke application of this platform line in a JVM of its own, on exactly
 * the class path Maven resolved for its dependency set, and checks that it starts,
 * answers a blocking call and a stream through each of its pools (the home member's 429
 * moving the conversation to the next member), lists its pools at the actuator's
 * {@code modelpools} endpoint where the set has the actuator, and ends cleanly, leaving no
 * thread of the pool's running after its context closed. A failure names the set and
 * shows the application's own output.
 */
class SmokeApplicationsTests {

	private static final String MAIN_CLASS = "io.github.modelpool.smoke.SmokeApplication";

	private static final String QUESTION = "smoke test";

	/** The member every set makes the home of its conversations and fails once. */
	private static final String FAILING_HOME = "a";

	/** The first member of every embedding pool, which answers its first request with a 429. */
	private static final String FAILING_EMBEDDING_HOME = "ea";

	/** How the pool names its threads. */
	private static final String POOL_THREAD_PREFIX = "model-pool";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Path LOGS = Path.of(System.getProperty("smoke.logs", "target/smoke-logs"));

	private static ProviderSimulator simulator;

	private static RedisServer redis;

	@BeforeAll
	static void startSimulator() {
		simulator = ProviderSimulator.start();
	}

	@AfterAll
	static void stopServers() {
		simulator.close();
		if (redis != null) {
			redis.close();
		}
	}

	static Stream<SmokeRun> smokeApplications() {
		String sets = System.getProperty("smoke.sets");
		if (sets == null) {
			throw new IllegalStateException("smoke.sets names no folder: run the smoke tests through Maven");
		}
		return SmokeSet.all(Path.of(sets).toAbsolutePath().normalize()).stream().flatMap(SmokeSet::starts);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("smokeApplications")
	void startsAndAnswersThroughItsPools(SmokeRun run) throws Exception {
		SmokeSet set = run.set();
		List<Path> classPath = set.classPath();
		List<String> classPathProblems = set.classPathProblems(classPath);
		if (!classPathProblems.isEmpty()) {
			throw new AssertionError(set + ": the dependency set is not what it says: " + classPathProblems);
		}
		if (set.redis()) {
			assumeTrue(RedisServer.isInstalled(), "redis-server is not on the PATH");
			if (redis == null) {
				redis = RedisServer.start();
			}
		}
		for (String member : List.of(FAILING_HOME, "b", "c")) {
			simulator.member(member).healthy().clearRequests();
		}
		simulator.member(FAILING_HOME).failNext(Fault.status(429));
		for (String member : List.of(FAILING_EMBEDDING_HOME, "eb")) {
			simulator.member(member).healthy().clearRequests();
		}
		simulator.member(FAILING_EMBEDDING_HOME).failNext(Fault.status(429));
		try (ApplicationProcess application = ApplicationProcess.start(classPath, MAIN_CLASS, jvmOptions(set),
				arguments(run), LOGS.resolve(run.fileName()))) {
			Optional<String> ready = application.awaitLine(
					(line) -> line.startsWith("SMOKE threads-left=") || line.startsWith("SMOKE web-port="), START_TIMEOUT);
			if (ready.isEmpty()) {
				throw failure(run, application.isAlive() ? "did not report its answers within " + START_TIMEOUT
						: "ended before reporting its answers", application);
			}
			SmokeReport report = SmokeReport.of(application.lines());
			List<String> problems = new ArrayList<>(report.problems(set.expected(), set.expectedEmbeddings(), QUESTION,
					set.redis() ? "redis" : "memory"));
			if (set.simulator()) {
				problems.addAll(simulatorProblems(set.expected()));
				problems.addAll(embeddingSimulatorProblems(set.expectedEmbeddings()));
			}
			problems.addAll(endpointProblems(set, report));
			if (!report.aot().equals(Optional.of(set.aot()))) {
				problems.add("reported aot=" + report.aot().map(String::valueOf).orElse("nothing") + ", expected "
						+ set.aot() + (set.aot() ? ": it did not run from the code generated ahead of time" : ""));
			}
			report.threadsLeft()
				.map((threads) -> threads.stream().filter((name) -> name.startsWith(POOL_THREAD_PREFIX)).toList())
				.filter((poolThreads) -> !poolThreads.isEmpty())
				.ifPresent((poolThreads) -> problems.add("the pool's threads " + poolThreads
						+ " still ran after the application context closed"));
			Optional<Integer> exit = report.webPort().isPresent() ? application.stop(STOP_TIMEOUT)
					: application.awaitExit(STOP_TIMEOUT);
			if (exit.isEmpty()) {
				problems.add("still running " + STOP_TIMEOUT.toSeconds() + " s after "
						+ (report.webPort().isPresent() ? "it was asked to stop (SIGTERM)" : "its context closed"));
			}
			else if (report.webPort().isEmpty() && exit.get() != 0) {
				problems.add("ended with exit code " + exit.get());
			}
			if (!problems.isEmpty()) {
				throw failure(run, String.join("; ", problems), application);
			}
		}
	}

	private static List<String> jvmOptions(SmokeSet set) {
		List<String> options = new ArrayList<>(List.of("-Xshare:off", "-Xmx256m"));
		if (set.aot()) {
			options.add("-Dspring.aot.enabled=true");
		}
		return options;
	}

	private static List<String> arguments(SmokeRun run) {
		List<String> arguments = new ArrayList<>(List.of("--smoke.simulator=http://127.0.0.1:" + simulator.port(),
				"--server.port=0", "--spring.main.banner-mode=off", "--spring.jmx.enabled=true",
				"--management.endpoints.jmx.exposure.include=modelpools",
				"--management.endpoints.web.exposure.include=modelpools"));
		if (!SmokeSet.DEFAULT_RUN.equals(run.profile())) {
			arguments.add("--spring.profiles.active=" + run.profile());
		}
		if (run.set().redis()) {
			arguments.add("--smoke.redis-port=" + redis.port());
		}
		return arguments;
	}

	/**
	 * The simulated providers saw what the application reported: one request to the
	 * failing home (its 429), a call and a stream to each serving member.
	 */
	private static List<String> simulatorProblems(Map<String, String> expected) {
		List<String> problems = new ArrayList<>();
		int homeRequests = simulator.member(FAILING_HOME).requestCount();
		if (homeRequests != 1) {
			problems.add("the simulator's member " + FAILING_HOME + " had " + homeRequests
					+ " requests, expected its one 429");
		}
		for (String member : new TreeSet<>(expected.values())) {
			int requests = simulator.member(member).requestCount();
			if (requests != 2) {
				problems.add("the simulator's member " + member + " had " + requests
						+ " requests, expected a call and a stream");
			}
		}
		return problems;
	}

	/**
	 * The simulated embedding accounts saw what the application reported: the first
	 * member's one 429, then one request to the member that answered.
	 */
	private static List<String> embeddingSimulatorProblems(Map<String, String> expectedEmbeddings) {
		if (expectedEmbeddings.isEmpty()) {
			return List.of();
		}
		List<String> problems = new ArrayList<>();
		int homeRequests = simulator.member(FAILING_EMBEDDING_HOME).requestCount();
		if (homeRequests != 1) {
			problems.add("the simulator's member " + FAILING_EMBEDDING_HOME + " had " + homeRequests
					+ " requests, expected its one 429");
		}
		for (String answer : expectedEmbeddings.values()) {
			String member = answer.substring(0, answer.indexOf(':'));
			int requests = simulator.member(member).requestCount();
			if (requests != 1) {
				problems.add("the simulator's member " + member + " had " + requests + " requests, expected one");
			}
		}
		return problems;
	}

	private static List<String> endpointProblems(SmokeSet set, SmokeReport report)
			throws IOException, InterruptedException {
		Set<String> pools = set.pools();
		if (set.endpoint() == Endpoint.JMX) {
			return pools.equals(report.jmxEndpointPools().orElse(null)) ? List.of()
					: List.of("the modelpools endpoint over JMX listed " + report.jmxEndpointPools().orElse(null)
							+ ", expected " + pools);
		}
		if (set.endpoint() == Endpoint.HTTP) {
			if (report.webPort().isEmpty()) {
				return List.of("reported no web server port, so /actuator/modelpools cannot be read");
			}
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + report.webPort().get()
						+ "/actuator/modelpools"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return List.of("GET /actuator/modelpools answered " + response.statusCode());
			}
			JsonNode body = new ObjectMapper().readTree(response.body());
			Set<String> listed = new TreeSet<>();
			body.path("pools").fieldNames().forEachRemaining(listed::add);
			return pools.equals(listed) ? List.of()
					: List.of("GET /actuator/modelpools listed pools " + listed + ", expected " + pools);
		}
		return List.of();
	}

	private static AssertionError failure(SmokeRun run, String reason, ApplicationProcess application) {
		return new AssertionError("Smoke application " + run.set() + ", run " + run.profile() + ": " + reason
				+ "\n----- its output (" + application.log().toAbsolutePath() + ") -----\n" + application.output());
	}

}
