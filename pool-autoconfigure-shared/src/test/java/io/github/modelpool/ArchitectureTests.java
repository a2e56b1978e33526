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
 * Keeps the dependency direction of the packages: the router, the state-store SPI,
 * sessions and failures know nothing of pools; the Redis store knows only the SPI; pools know nothing of configuration, operators' views or
 * auto-configuration; the core uses no Spring Boot; a platform line's own code
 * ({@code platform}) serves the core's member package only; nothing depends on
 * auto-configuration; only the pool admits calls at a member's gate.
 */
class ArchitectureTests {

	private static final String BASE = "io.github.modelpool";

	private static final String[] CORE_PACKAGES = { BASE + ".budget..", BASE + ".failure..", BASE + ".state..",
			BASE + ".session..",
			BASE + ".context..", BASE + ".routing..", BASE + ".member..", BASE + ".pool.." };

	/** Project packages each package may use, besides itself. */
	private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
			Map.entry("budget", List.of()),
			Map.entry("failure", List.of()),
			Map.entry("state", List.of()),
			Map.entry("session", List.of("state")),
			Map.entry("context", List.of()),
			Map.entry("routing", List.of("failure")),
			Map.entry("member", List.of("routing", "failure", "state", "budget")),
			Map.entry("pool", List.of("routing", "session", "state", "failure", "member", "context", "budget")),
			Map.entry("actuate", List.of("pool", "member", "routing", "failure", "state", "budget")),
			Map.entry("provider", List.of("failure")),
			Map.entry("platform", List.of("member")),
			Map.entry("redis", List.of("state", "failure")));

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void packagesDependOnlyOnThePackagesBelowThem() {
		List<String> all = List.of("budget", "failure", "state", "session", "context", "routing", "member", "pool",
				"actuate", "provider", "platform", "redis", "autoconfigure");
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
	void onlyThePoolUsesAMembersGate() {
		noClasses().that()
			.resideOutsideOfPackages(BASE + ".pool..", BASE + ".member..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName(BASE + ".member.MemberGate")
			.check(this.classes);
	}

	@Test
	void routerSessionsStateAndBudgetsUseNoSpringAndNoBreakers() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".routing..", BASE + ".state..", BASE + ".session..", BASE + ".budget..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.github.resilience4j..")
			.check(this.classes);
	}

}
