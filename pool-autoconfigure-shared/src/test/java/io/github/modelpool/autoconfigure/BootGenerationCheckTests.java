package io.github.modelpool.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class BootGenerationCheckTests {

	@Test
	void theBootGenerationThisLineIsBuiltForPasses() {
		assertThatNoException().isThrownBy(() -> BootGenerationCheck.check(SpringBootVersion.getVersion()));
		assertThatNoException().isThrownBy(() -> BootGenerationCheck.check(null));
	}

	@Test
	void theOtherGenerationFailsNamingTheStarterToUse() {
		String other = (BootLine.BOOT_GENERATION == 3) ? "4.0.7" : "3.5.7";
		String starter = (BootLine.BOOT_GENERATION == 3) ? "io.github.modelpool:pool-spring-boot4-starter"
				: "io.github.modelpool:pool-spring-boot-starter";
		assertThatIllegalStateException().isThrownBy(() -> BootGenerationCheck.check(other))
			.withMessageContaining(BootLine.STARTER)
			.withMessageContaining("runs Spring Boot " + other)
			.withMessageEndingWith("Use " + starter + " instead.");
	}

	@Test
	void checkRunsBeforeAnyBeanAsAnApplicationContextInitializer() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationContextInitializer.class))
			.hasAtLeastOneElementOfType(BootGenerationCheck.class);
	}

	@Test
	void bothLinesStartersOnTheClassPathFailNamingTheOneToKeep(@TempDir Path boot3, @TempDir Path boot4)
			throws Exception {
		marker(boot3, "io.github.modelpool:pool-spring-boot-starter");
		marker(boot4, "io.github.modelpool:pool-spring-boot4-starter");
		try (URLClassLoader one = new URLClassLoader(new URL[] { boot3.toUri().toURL() }, null);
				URLClassLoader both = new URLClassLoader(
						new URL[] { boot3.toUri().toURL(), boot4.toUri().toURL() }, null)) {
			assertThatNoException().isThrownBy(() -> BootGenerationCheck.checkOneStarter(one));
			assertThatIllegalStateException().isThrownBy(() -> BootGenerationCheck.checkOneStarter(both))
				.withMessageContaining("io.github.modelpool:pool-spring-boot-starter and "
						+ "io.github.modelpool:pool-spring-boot4-starter are both on the class path")
				.withMessageContaining("keep only " + BootLine.STARTER);
		}
	}

	private static void marker(Path root, String starter) throws IOException {
		Path file = root.resolve(BootGenerationCheck.STARTER_MARKER);
		Files.createDirectories(file.getParent());
		Files.writeString(file, "starter=" + starter + "\n");
	}

	@Test
	void anUnsupportedGenerationListsBothStarters() {
		assertThatIllegalStateException().isThrownBy(() -> BootGenerationCheck.check("2.7.18"))
			.withMessageContaining("pool-spring-boot-starter (Spring Boot 3.5)")
			.withMessageContaining("pool-spring-boot4-starter (Spring Boot 4.0)");
	}

}
