package io.github.modelpool.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives each test context its own simulator port, and a brisk simulator.
 */
final class DemoTestPorts {

	private DemoTestPorts() {
	}

	static void register(DynamicPropertyRegistry registry) {
		int port = freePort();
		registry.add("demo.simulator.port", () -> port);
		registry.add("demo.simulator.latency", () -> "0ms");
		registry.add("demo.simulator.chunk-delay", () -> "5ms");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
