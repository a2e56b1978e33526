package io.github.modelpool.demo;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The dashboard's files, for a native image: the page, its script, style and icon.
 */
class DashboardRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] FILES = { "static/index.html", "static/dashboard.js", "static/dashboard.css",
			"static/favicon.svg" };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String file : FILES) {
			hints.resources().registerPattern(file);
		}
	}

}
