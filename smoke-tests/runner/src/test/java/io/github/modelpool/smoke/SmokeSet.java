package io.github.modelpool.smoke;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One smoke application: a module under this line's {@code smoke-tests} folder whose pom
 * is its dependency set, with what the run checks of it in {@code smoke.properties}:
 * <ul>
 * <li>{@code description}: the dependency set in words, named in every failure;</li>
 * <li>{@code present} / {@code absent}: artifacts that must / must not be on its class
 * path, so the set stays what it says it is;</li>
 * <li>{@code runs}: Spring profiles to start it with, one start each (default: one start
 * without a profile);</li>
 * <li>{@code expect}: {@code pool:member} pairs, the member that must serve each pool's
 * calls;</li>
 * <li>{@code expect-embeddings}: {@code pool:member:dimensions}, the member that must
 * answer each embedding pool's call and the vector's length (its members talk to the
 * simulator's {@code ea}, which answers its first request with a 429, and {@code eb});</li>
 * <li>{@code endpoint}: {@code http} or {@code jmx} where the actuator must list the
 * pools at {@code modelpools}, {@code none} otherwise;</li>
 * <li>{@code simulator}: whether its members talk HTTP to the provider simulator;</li>
 * <li>{@code redis}: whether it needs a {@code redis-server};</li>
 * <li>{@code aot}: whether it was processed ahead of time and starts in AOT mode
 * ({@code -Dspring.aot.enabled=true}).</li>
 * </ul>
 *
 * @param line the platform line's folder, such as {@code boot3}
 * @param name the set's folder
 * @param directory the set's module
 * @param description the dependency set in words
 * @param present artifacts that must be on the class path
 * @param absent artifacts that must not be on the class path
 * @param runs profiles, one start each; {@code default} for none
 * @param expected the member that serves each pool, by pool id
 * @param expectedEmbeddings the member and vector length of each embedding pool's answer,
 * as {@code member:dimensions} by pool id
 * @param endpoint where the actuator endpoint is read
 * @param simulator whether the members talk HTTP to the simulator
 * @param redis whether it needs a redis-server
 * @param aot whether it starts in AOT mode
 */
record SmokeSet(String line, String name, Path directory, String description, List<String> present,
		List<String> absent, List<String> runs, Map<String, String> expected, Map<String, String> expectedEmbeddings,
		Endpoint endpoint, boolean simulator,
		boolean redis, boolean aot) {

	/**
	 * Every pool the application must have, chat and embedding.
	 * @return the pool ids
	 */
	Set<String> pools() {
		Set<String> pools = new TreeSet<>(this.expected.keySet());
		pools.addAll(this.expectedEmbeddings.keySet());
		return pools;
	}

	/** The run without a profile. */
	static final String DEFAULT_RUN = "default";

	/** What no set may have on its class path: the tests' own jars. */
	private static final List<String> TEST_ARTIFACTS = List.of("junit-jupiter-api", "assertj-core",
			"pool-provider-simulator", "pool-test-support", "spring-boot-test", "mockito-core");

	/**
	 * Where the actuator endpoint is read.
	 */
	enum Endpoint {

		/** No actuator in the set. */
		NONE,

		/** Over JMX, by the application itself: the set has no web server. */
		JMX,

		/** Over HTTP, by the run. */
		HTTP

	}

	/**
	 * Every set of a line: each folder beside {@code run} with a {@code smoke.properties}.
	 * @param setsDirectory the line's smoke-tests folder
	 * @return the sets, by name
	 */
	static List<SmokeSet> all(Path setsDirectory) {
		try (Stream<Path> folders = Files.list(setsDirectory)) {
			List<SmokeSet> sets = folders.filter((folder) -> Files.isRegularFile(folder.resolve("smoke.properties")))
				.sorted()
				.map((folder) -> of(setsDirectory.getFileName().toString(), folder))
				.toList();
			if (sets.isEmpty()) {
				throw new IllegalStateException("No smoke application under " + setsDirectory);
			}
			return sets;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SmokeSet of(String line, Path directory) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(directory.resolve("smoke.properties"))) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> expected = new LinkedHashMap<>();
		for (String pair : list(properties, "expect", "")) {
			String[] poolAndMember = pair.split(":");
			expected.put(poolAndMember[0], poolAndMember[1]);
		}
		if (expected.isEmpty()) {
			throw new IllegalStateException(directory + "/smoke.properties: 'expect' names no pool");
		}
		Map<String, String> expectedEmbeddings = new LinkedHashMap<>();
		for (String triple : list(properties, "expect-embeddings", "")) {
			int pool = triple.indexOf(':');
			expectedEmbeddings.put(triple.substring(0, pool), triple.substring(pool + 1));
		}
		return new SmokeSet(line, directory.getFileName().toString(), directory,
				properties.getProperty("description", directory.getFileName().toString()),
				list(properties, "present", ""), list(properties, "absent", ""),
				list(properties, "runs", DEFAULT_RUN), expected, expectedEmbeddings,
				Endpoint.valueOf(properties.getProperty("endpoint", "none").toUpperCase()),
				Boolean.parseBoolean(properties.getProperty("simulator", "false")),
				Boolean.parseBoolean(properties.getProperty("redis", "false")),
				Boolean.parseBoolean(properties.getProperty("aot", "false")));
	}

	private static List<String> list(Properties properties, String key, String defaultValue) {
		return Arrays.stream(properties.getProperty(key, defaultValue).split(","))
			.map(String::strip)
			.filter((value) -> !value.isEmpty())
			.toList();
	}

	/**
	 * The class path Maven resolved for the set at run time, its own classes first.
	 * @return the entries
	 * @throws IllegalStateException when the set's module was not built
	 */
	List<Path> classPath() {
		Path classes = this.directory.resolve("target/classes");
		Path resolved = this.directory.resolve("target/smoke-classpath.txt");
		if (!Files.isDirectory(classes) || !Files.isRegularFile(resolved)) {
			throw new IllegalStateException(this + " was not built: run the smoke tests through Maven (./mvnw verify)");
		}
		List<Path> entries = new ArrayList<>();
		entries.add(classes);
		try {
			String line = Files.readString(resolved).strip();
			if (!line.isEmpty()) {
				Arrays.stream(line.split(File.pathSeparator)).map(Path::of).forEach(entries::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	/**
	 * What is wrong with the class path for what the set says it is.
	 * @param classPath the set's class path
	 * @return the problems, empty when none
	 */
	List<String> classPathProblems(List<Path> classPath) {
		List<String> problems = new ArrayList<>();
		this.present.stream()
			.filter((artifact) -> !contains(classPath, artifact))
			.forEach((artifact) -> problems.add(artifact + " should be on the class path but is not"));
		Stream.concat(this.absent.stream(), TEST_ARTIFACTS.stream())
			.filter((artifact) -> contains(classPath, artifact))
			.forEach((artifact) -> problems.add(artifact + " should not be on the class path but is"));
		return problems;
	}

	private static boolean contains(List<Path> classPath, String artifact) {
		return classPath.stream().map((entry) -> entry.getFileName().toString()).anyMatch((file) -> {
			// artifact-1.2.3.jar, not artifact-other-1.2.3.jar
			return file.startsWith(artifact + "-") && file.length() > artifact.length() + 1
					&& Character.isDigit(file.charAt(artifact.length() + 1));
		});
	}

	/**
	 * The starts of this set, one per profile.
	 * @return the runs
	 */
	Stream<SmokeRun> starts() {
		return this.runs.stream().map((profile) -> new SmokeRun(this, profile));
	}

	@Override
	public String toString() {
		return this.line + "/" + this.name + " (" + this.description + ")";
	}

	/**
	 * One start of a set.
	 *
	 * @param set the set
	 * @param profile the Spring profile, or {@link SmokeSet#DEFAULT_RUN}
	 */
	record SmokeRun(SmokeSet set, String profile) {

		String fileName() {
			return this.set.line() + "-" + this.set.name() + "-" + this.profile + ".log";
		}

		@Override
		public String toString() {
			return this.set.name() + (DEFAULT_RUN.equals(this.profile) ? "" : " [" + this.profile + "]");
		}

	}

}
