package io.github.modelpool.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An application started in a JVM of its own on a given class path, the way a user's
 * application runs: nothing of the test's own class path reaches it. Its standard output
 * and error go to a log file, which the test reads while it runs and shows when it
 * fails. Every wait is bounded; {@link #close()} ends the JVM whatever state it is in.
 */
public final class ApplicationProcess implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(50);

	private final Process process;

	private final Path log;

	private ApplicationProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Start {@code mainClass} with the JDK that runs the caller.
	 * @param classPath class path entries, in order
	 * @param mainClass main class name
	 * @param jvmArguments JVM options, such as {@code -Dname=value}
	 * @param arguments program arguments
	 * @param log where standard output and error go; its folder is created
	 * @return the running application
	 */
	public static ApplicationProcess start(List<Path> classPath, String mainClass, List<String> jvmArguments,
			List<String> arguments, Path log) {
		return start(Path.of(System.getProperty("java.home")), classPath, mainClass, jvmArguments, arguments, log);
	}

	/**
	 * Start {@code mainClass} with the JDK of the given home.
	 * @param javaHome the JDK's home
	 * @param classPath class path entries, in order
	 * @param mainClass main class name
	 * @param jvmArguments JVM options, such as {@code -Dname=value}
	 * @param arguments program arguments
	 * @param log where standard output and error go; its folder is created
	 * @return the running application
	 */
	public static ApplicationProcess start(Path javaHome, List<Path> classPath, String mainClass,
			List<String> jvmArguments, List<String> arguments, Path log) {
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(jvmArguments);
		command.add("-cp");
		command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		command.add(mainClass);
		command.addAll(arguments);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
				.start();
			return new ApplicationProcess(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + mainClass, ex);
		}
	}

	/**
	 * Wait for the first output line that matches, as long as the application runs.
	 * @param matcher what the line must satisfy
	 * @param timeout the longest wait
	 * @return the line, or empty when the application ended or the time ran out first
	 */
	public Optional<String> awaitLine(Predicate<String> matcher, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			boolean ended = !this.process.isAlive();
			Optional<String> line = lines().stream().filter(matcher).findFirst();
			if (line.isPresent() || ended || System.nanoTime() > deadline) {
				return line;
			}
			sleep(POLL);
		}
	}

	/**
	 * Wait for the application to end by itself.
	 * @param timeout the longest wait
	 * @return its exit code, or empty when it still runs
	 */
	public Optional<Integer> awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(this.process.exitValue())
					: Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Ask the application to stop, as an operator's {@code kill} does (SIGTERM: Spring's
	 * shutdown hook closes the context), and wait for it.
	 * @param timeout the longest wait
	 * @return its exit code, or empty when it still runs
	 */
	public Optional<Integer> stop(Duration timeout) {
		this.process.destroy();
		return awaitExit(timeout);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
	}

	/**
	 * Everything the application printed so far.
	 * @return the output, empty when none
	 */
	public String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "(output unreadable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The lines the application printed so far.
	 * @return the lines
	 */
	public List<String> lines() {
		return output().lines().toList();
	}

	/**
	 * End the JVM at once if it still runs.
	 */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			awaitExit(Duration.ofSeconds(10));
		}
	}

	private static String nullDevice() {
		return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
