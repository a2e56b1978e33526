package io.github.modelpool.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.Pool;
import io.github.modelpool.simulator.ProviderSimulator;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives each test context its own simulator port and a brisk simulator, and heals
 * everything between tests.
 */
final class DemoTestSupport {

	private DemoTestSupport() {
	}

	static void register(DynamicPropertyRegistry registry) {
		int port = freePort();
		registry.add("demo.simulator.port", () -> port);
		registry.add("demo.simulator.latency", () -> "0ms");
		registry.add("demo.simulator.chunk-delay", () -> "5ms");
	}

	/**
	 * Heal the simulated providers and the pools' members.
	 * @param simulator the simulator
	 * @param pools the pools
	 */
	static void heal(ProviderSimulator simulator, Pool... pools) {
		simulator.reset();
		for (Pool pool : pools) {
			pool.getMembers().forEach(PoolMember::reset);
		}
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
