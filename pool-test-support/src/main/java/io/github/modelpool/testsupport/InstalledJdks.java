package io.github.modelpool.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs installed beside the one running the tests, for tests that need a newer Java
 * (virtual threads): the homes under {@code /usr/lib/jvm}, or under the folder the
 * {@code model-pool.jdks} system property names, read from their {@code release} files.
 */
public final class InstalledJdks {

	private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

	private InstalledJdks() {
	}

	/**
	 * The newest installed JDK of at least this feature release.
	 * @param feature the least feature release, such as {@code 21}
	 * @return its home, or empty when none is installed
	 */
	public static Optional<Path> atLeast(int feature) {
		Path folder = Path.of(System.getProperty("model-pool.jdks", "/usr/lib/jvm"));
		if (!Files.isDirectory(folder)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(folder)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
				.filter((home) -> featureOf(home) >= feature)
				.max(Comparator.comparingInt(InstalledJdks::featureOf));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int featureOf(Path home) {
		try {
			Path release = home.resolve("release");
			if (!Files.isRegularFile(release)) {
				return 0;
			}
			Matcher matcher = VERSION.matcher(Files.readString(release));
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
