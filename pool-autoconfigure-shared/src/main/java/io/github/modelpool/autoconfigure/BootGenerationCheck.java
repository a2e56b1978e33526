package io.github.modelpool.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops, before any bean is created, an application that uses this line's starter on the
 * other Spring Boot generation, or both lines' starters at once, and names the starter
 * it needs.
 */
public final class BootGenerationCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<Integer, String> STARTERS = Map.of(3, "io.github.modelpool:pool-spring-boot-starter", 4,
			"io.github.modelpool:pool-spring-boot4-starter");

	/** Where each starter says which one it is. */
	static final String STARTER_MARKER = "META-INF/model-pool/starter.properties";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		check(SpringBootVersion.getVersion());
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
			throw new IllegalStateException("Model Pool: " + String.join(" and ", starters)
					+ " are both on the class path; keep only " + STARTERS.get(BootLine.BOOT_GENERATION)
					+ " for Spring Boot " + BootLine.BOOT_GENERATION + ".x.");
		}
	}

	/**
	 * Check a running Spring Boot version against this line.
	 * @param runningVersion the version, or {@code null} when unknown
	 * @throws IllegalStateException when the version is of another generation
	 */
	static void check(String runningVersion) {
		if (runningVersion == null || runningVersion.startsWith(BootLine.BOOT_GENERATION + ".")) {
			return;
		}
		String generation = runningVersion.substring(0, Math.max(runningVersion.indexOf('.'), 0));
		String starter = STARTERS.get(parse(generation));
		throw new IllegalStateException("Model Pool: " + BootLine.STARTER + " is built for Spring Boot "
				+ BootLine.BOOT_GENERATION + ".x, but this application runs Spring Boot " + runningVersion + ". "
				+ ((starter != null) ? "Use " + starter + " instead."
						: "Supported: " + STARTERS.get(3) + " (Spring Boot 3.5) and " + STARTERS.get(4)
								+ " (Spring Boot 4.0)."));
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
