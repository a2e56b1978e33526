package io.github.modelpool.autoconfigure;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.github.modelpool.testsupport.ApplicationProcess;
import io.github.modelpool.testsupport.InstalledJdks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On virtual threads ({@code spring.threads.virtual.enabled}, Java 21 and later), the
 * pools' deadline-bound blocking calls run on Spring Boot's task executor's virtual
 * threads. The build runs Java 17, so the application runs in a JVM of its own on the
 * newest JDK installed beside it; the test skips itself where there is none.
 */
class VirtualThreadCallsTests {

	private static final List<String> POOL = List.of("--model-pool.pools.assistant.members[0].chat-model=recordingModel",
			"--model-pool.pools.assistant.timeouts.call=10s");

	@TempDir
	Path logs;

	@Test
	void onVirtualThreadsCallsRunOnVirtualThreads() {
		assertThat(calledOn(true)).contains("virtual=true");
	}

	@Test
	void otherwiseOnBootsPlatformWorkers() {
		assertThat(calledOn(false)).contains("virtual=false").contains("task-");
	}

	private String calledOn(boolean virtualThreads) {
		Optional<Path> jdk = InstalledJdks.atLeast(21);
		Assumptions.assumeTrue(jdk.isPresent(), "no JDK 21 or later installed beside this one");
		List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map(Path::of)
			.toList();
		List<String> arguments = new ArrayList<>(POOL);
		arguments.add("--spring.threads.virtual.enabled=" + virtualThreads);
		try (ApplicationProcess application = ApplicationProcess.start(jdk.get(), classPath,
				VirtualThreadsApplication.class.getName(), List.of("-Xshare:off"), arguments,
				this.logs.resolve("application.log"))) {
			Optional<String> line = application.awaitLine((text) -> text.startsWith("CALLED ON "),
					Duration.ofSeconds(90));
			assertThat(line).as("the application's output:%n%s", application.output()).isPresent();
			assertThat(application.awaitExit(Duration.ofSeconds(30))).as("it ends").hasValue(0);
			return line.get();
		}
	}

}
