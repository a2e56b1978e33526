package io.github.modelpool.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the tests,
 * smoke runs and benchmarks that need it: no persistence, so a restart starts empty, like
 * a Redis that lost its data. Tests skip themselves where {@code redis-server} is not on
 * the PATH (CI installs Debian's).
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final Path log;

	private Process process;

	private RedisServer(int port) throws IOException {
		this.port = port;
		this.log = Files.createTempFile("redis-server-" + port, ".log");
	}

	/**
	 * Whether {@code redis-server} is on the PATH.
	 * @return {@code true} when it is
	 */
	public static boolean isInstalled() {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, "redis-server"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Start a server on a free port.
	 * @return the running server
	 * @throws IllegalStateException when {@code redis-server} is not on the PATH or does
	 * not start
	 */
	public static RedisServer start() {
		if (!isInstalled()) {
			throw new IllegalStateException("redis-server is not on the PATH (Debian: apt-get install redis-server)");
		}
		try {
			RedisServer server = new RedisServer(freePort());
			server.restart();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Start the server again on its port, empty.
	 */
	public void restart() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("redis-server is running");
		}
		try {
			this.process = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersPing()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("redis-server did not start on port " + this.port + "; see " + this.log);
			}
			sleep(20);
		}
	}

	/**
	 * Kill the server at once, as a crash would.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					kill();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.read(answer);
			return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A loopback port nothing listens on now.
	 * @return the port
	 * @throws IOException when no port could be had
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
