package io.github.modelpool.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo, processed ahead of time by the build, runs from the generated code (JVM AOT
 * mode, {@code -Dspring.aot.enabled=true}, set by the build for this test): its pool
 * answers, fails over, and the dashboard is served.
 */
class PoolDemoAheadOfTimeIT {

	@Test
	void theDemoRunsFromItsAheadOfTimeCode() {
		assertThat(AotDetector.useGeneratedArtifacts()).as("run by the build with -Dspring.aot.enabled=true")
			.isTrue();
		// The generated code is found by the main class's name, which is not this JVM's.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PoolDemoApplication.class)
			.main(PoolDemoApplication.class)
			.run("--server.port=0", "--demo.simulator.port=" + freePort(), "--demo.simulator.latency=0ms",
					"--demo.simulator.chunk-delay=0ms")) {
			RestClient rest = RestClient.create("http://127.0.0.1:"
					+ context.getEnvironment().getRequiredProperty("local.server.port"));
			String home = chat(rest, "thread-aot").get("member");
			assertThat(home).isIn("gpt-a", "gpt-b");
			rest.put().uri("/demo/faults/{member}/quota", home).retrieve().toBodilessEntity();
			assertThat(chat(rest, "thread-aot").get("member")).as("moved off the rate-limited home")
				.isIn("gpt-a", "gpt-b")
				.isNotEqualTo(home);
			assertThat(rest.get().uri("/").retrieve().body(String.class)).contains("<html");
		}
	}

	private static Map<String, String> chat(RestClient rest, String conversation) {
		return rest.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("conversationId", conversation, "message", "hello"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
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
