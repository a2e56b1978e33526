package io.github.modelpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the dependency direction of the packages: the router, sessions and failures know
 * nothing of pools; pools know nothing of configuration, operators' views or
 * auto-configuration; the core uses no Spring Boot; a platform line's own code
 * ({@code platform}) serves the core's member package only; nothing depends on
 * auto-configuration.
 */
class ArchitectureTests {

	private static final String BASE = "io.github.modelpool";

	private static final String[] CORE_PACKAGES = { BASE + ".failure..", BASE + ".session..", BASE + ".context..",
			BASE + ".routing..", BASE + ".member..", BASE + ".pool.." };

	/** Project packages each package may use, besides itself. */
	private static final Map<String, List<String>> ALLOWED = Map.of(
			"failure", List.of(),
			"session", List.of(),
			"context", List.of(),
			"routing", List.of("failure"),
			"member", List.of("routing", "failure"),
			"pool", List.of("routing", "session", "failure", "member", "context"),
			"actuate", List.of("pool", "member", "routing", "failure"),
			"provider", List.of("failure"),
			"platform", List.of("member"));

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void packagesDependOnlyOnThePackagesBelowThem() {
		List<String> all = List.of("failure", "session", "context", "routing", "member", "pool", "actuate", "provider",
				"platform", "autoconfigure");
		ALLOWED.forEach((pkg, allowed) -> {
			List<String> forbidden = new ArrayList<>();
			for (String other : all) {
				if (!other.equals(pkg) && !allowed.contains(other)) {
					forbidden.add(BASE + "." + other + "..");
				}
			}
			noClasses().that()
				.resideInAPackage(BASE + "." + pkg + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(forbidden.toArray(String[]::new))
				.allowEmptyShould(true)
				.check(this.classes);
		});
	}

	@Test
	void theCoreUsesNoSpringBoot() {
		noClasses().that()
			.resideInAnyPackage(CORE_PACKAGES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..")
			.check(this.classes);
	}

	@Test
	void routerSessionsAndFailuresUseNoSpringAndNoBreakers() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".routing..", BASE + ".session..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.github.resilience4j..")
			.check(this.classes);
	}

}
