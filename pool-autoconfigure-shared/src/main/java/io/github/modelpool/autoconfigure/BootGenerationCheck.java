package io.github.modelpool.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops, before any bean is created, an application that uses this line's starter on the
 * other Spring Boot generation, or both lines' starters at once, and names the starter
 * it needs; warns when the application runs a Spring Boot version of this generation
 * that the line is not tested on.
 */
public final class BootGenerationCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Log logger = LogFactory.getLog(BootGenerationCheck.class);

	/** Where each starter says which one it is. */
	static final String STARTER_MARKER = "META-INF/model-pool/starter.properties";

	/**
	 * The platform lines: each line's starter and the Spring Boot versions it is tested
	 * on, the one place that names them.
	 */
	enum Line {

		/** Spring Boot 3, Spring AI 1.1. */
		BOOT_3(3, "io.github.modelpool:pool-spring-boot-starter", "3.5"),

		/** Spring Boot 4, Spring AI 2.0. */
		BOOT_4(4, "io.github.modelpool:pool-spring-boot4-starter", "4.0", "4.1");

		private final int generation;

		private final String starter;

		private final List<String> testedVersions;

		Line(int generation, String starter, String... testedVersions) {
			this.generation = generation;
			this.starter = starter;
			this.testedVersions = List.of(testedVersions);
		}

		/**
		 * The line this jar belongs to.
		 * @return the line
		 */
		static Line current() {
			return of(BootLine.BOOT_GENERATION).orElseThrow();
		}

		static Optional<Line> of(int generation) {
			return Arrays.stream(values()).filter((line) -> line.generation == generation).findFirst();
		}

		String starter() {
			return this.starter;
		}

		/**
		 * Whether a running version is of this line's Spring Boot generation.
		 * @param version a Spring Boot version such as {@code 4.1.2}
		 * @return {@code true} when its major version is this line's
		 */
		boolean isGenerationOf(String version) {
			return version.startsWith(this.generation + ".");
		}

		/**
		 * Whether a running version is one this line is tested on.
		 * @param version a Spring Boot version such as {@code 4.1.2}
		 * @return {@code true} when its major and minor version are tested
		 */
		boolean isTested(String version) {
			return this.testedVersions.stream().anyMatch((tested) -> version.startsWith(tested + "."));
		}

		/**
		 * The tested versions in words.
		 * @return such as {@code Spring Boot 4.0 and 4.1}
		 */
		String testedVersions() {
			int last = this.testedVersions.size() - 1;
			return "Spring Boot " + ((last == 0) ? this.testedVersions.get(0)
					: String.join(", ", this.testedVersions.subList(0, last)) + " and " + this.testedVersions.get(last));
		}

	}

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		String version = SpringBootVersion.getVersion();
		check(version);
		untestedVersionWarning(version).ifPresent(logger::warn);
		checkOneStarter(applicationContext.getClassLoader());
	}

	/**
	 * Check that at most one line's starter is on the class path.
	 * @param classLoader the application's class loader
	 * @throws IllegalStateException when both are
	 */
	static void checkOneStarter(ClassLoader classLoader) {
		Set<String> starters = new TreeSet<>();
		try {
			Enumeration<URL> markers = classLoader.getResources(STARTER_MARKER);
			while (markers.hasMoreElements()) {
				Properties marker = new Properties();
				try (InputStream in = markers.nextElement().openStream()) {
					marker.load(in);
				}
				starters.add(marker.getProperty("starter"));
			}
		}
		catch (IOException ex) {
			return;
		}
		if (starters.size() > 1) {
			Line line = Line.current();
			throw new IllegalStateException("Model Pool: " + String.join(" and ", starters)
					+ " are both on the class path; keep only " + line.starter() + " for "
					+ line.testedVersions() + ".");
		}
	}

	/**
	 * Check a running Spring Boot version against this line's generation.
	 * @param runningVersion the version, or {@code null} when unknown
	 * @throws IllegalStateException when the version is of another generation
	 */
	static void check(String runningVersion) {
		Line line = Line.current();
		if (runningVersion == null || line.isGenerationOf(runningVersion)) {
			return;
		}
		String generation = runningVersion.substring(0, Math.max(runningVersion.indexOf('.'), 0));
		Optional<Line> other = Line.of(parse(generation));
		throw new IllegalStateException("Model Pool: " + line.starter() + " is built for " + line.testedVersions()
				+ ", but this application runs Spring Boot " + runningVersion + ". "
				+ other.map((needed) -> "Use " + needed.starter() + " instead (" + needed.testedVersions() + ").")
					.orElseGet(() -> "Supported: " + Line.BOOT_3.starter() + " (" + Line.BOOT_3.testedVersions()
							+ ") and " + Line.BOOT_4.starter() + " (" + Line.BOOT_4.testedVersions() + ")."));
	}

	/**
	 * The warning for a running version of this line's generation that the line is not
	 * tested on.
	 * @param runningVersion the version, or {@code null} when unknown
	 * @return the warning, or empty for a tested or unknown version
	 */
	static Optional<String> untestedVersionWarning(String runningVersion) {
		Line line = Line.current();
		if (runningVersion == null || !line.isGenerationOf(runningVersion) || line.isTested(runningVersion)) {
			return Optional.empty();
		}
		return Optional.of("Model Pool: " + line.starter() + " is tested on " + line.testedVersions()
				+ "; this application runs Spring Boot " + runningVersion + ", which it may not work with.");
	}

	private static int parse(String generation) {
		try {
			return Integer.parseInt(generation);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
