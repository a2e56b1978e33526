package io.github.modelpool.demo;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file the dashboard serves is in the demo's runtime hints, so a native image of
 * the demo serves it too.
 */
class DashboardRuntimeHintsTests {

	@Test
	void everyDashboardFileHasAResourceHint() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new DashboardRuntimeHints().registerHints(hints, getClass().getClassLoader());
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:static/*");
		assertThat(files).isNotEmpty();
		for (Resource file : files) {
			assertThat(RuntimeHintsPredicates.resource().forResource("static/" + file.getFilename()))
				.as(file.getFilename())
				.accepts(hints);
		}
	}

}
