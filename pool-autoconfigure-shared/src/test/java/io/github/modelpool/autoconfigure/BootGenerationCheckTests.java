package io.github.modelpool.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.modelpool.autoconfigure.BootGenerationCheck.Line;
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
	void theOtherGenerationFailsNamingTheStarterToUseAndItsVersions() {
		String other = (BootLine.BOOT_GENERATION == 3) ? "4.1.2" : "3.5.7";
		String starter = (BootLine.BOOT_GENERATION == 3)
				? "io.github.modelpool:pool-spring-boot4-starter instead (Spring Boot 4.0 and 4.1)"
				: "io.github.modelpool:pool-spring-boot-starter instead (Spring Boot 3.5)";
		assertThatIllegalStateException().isThrownBy(() -> BootGenerationCheck.check(other))
			.withMessageContaining(Line.current().starter() + " is built for " + Line.current().testedVersions())
			.withMessageContaining("runs Spring Boot " + other)
			.withMessageEndingWith("Use " + starter + ".");
	}

	@Test
	void eachLineNamesTheVersionsItIsTestedOn() {
		assertThat(Line.BOOT_3.testedVersions()).isEqualTo("Spring Boot 3.5");
		assertThat(Line.BOOT_4.testedVersions()).isEqualTo("Spring Boot 4.0 and 4.1");
		assertThat(Line.current().isTested(SpringBootVersion.getVersion())).isTrue();
	}

	@Test
	void anUntestedVersionOfThisGenerationWarnsAndATestedOneDoesNot() {
		String untested = BootLine.BOOT_GENERATION + ".99.0";
		assertThat(BootGenerationCheck.untestedVersionWarning(untested)).hasValue("Model Pool: "
				+ Line.current().starter() + " is tested on " + Line.current().testedVersions()
				+ "; this application runs Spring Boot " + untested + ", which it may not work with.");
		assertThatNoException().isThrownBy(() -> BootGenerationCheck.check(untested));
		assertThat(BootGenerationCheck.untestedVersionWarning(SpringBootVersion.getVersion())).isEmpty();
		assertThat(BootGenerationCheck.untestedVersionWarning(null)).isEmpty();
		assertThat(BootGenerationCheck.untestedVersionWarning("2.7.18")).isEmpty();
	}

	@Test
	void bootFourLineIsTestedOnBothMinorVersions() {
		assertThat(Line.BOOT_4.isTested("4.0.7")).isTrue();
		assertThat(Line.BOOT_4.isTested("4.1.2")).isTrue();
		assertThat(Line.BOOT_4.isTested("4.10.0")).isFalse();
		assertThat(Line.BOOT_3.isTested("3.4.9")).isFalse();
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
				.withMessageContaining("keep only " + Line.current().starter() + " for " + Line.current().testedVersions());
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
			.withMessageContaining("pool-spring-boot4-starter (Spring Boot 4.0 and 4.1)");
	}

}
