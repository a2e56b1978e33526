package io.github.modelpool.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.actuate.ModelPoolsEndpoint;
import io.github.modelpool.actuate.ModelPoolsHealth;
import io.github.modelpool.pool.ModelPools;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the dashboard with the state it first shows written into the page, so the pools
 * are there at first paint instead of after the first fetch.
 */
@RestController
class DashboardController {

	private static final String SCRIPT = "<script src=\"dashboard.js\"></script>";

	private final ModelPoolsEndpoint endpoint;

	private final ModelPools pools;

	private final SwitchLog switches;

	private final ObjectProvider<FaultController> faults;

	private final JsonMapper json;

	private final String page;

	DashboardController(ModelPoolsEndpoint endpoint, ModelPools pools, SwitchLog switches,
			ObjectProvider<FaultController> faults, JsonMapper json) throws IOException {
		this.endpoint = endpoint;
		this.pools = pools;
		this.switches = switches;
		this.faults = faults;
		this.json = json;
		try (InputStream page = new ClassPathResource("static/index.html").getInputStream()) {
			this.page = new String(page.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String dashboard() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("pools", this.endpoint.pools());
		state.put("switches", this.switches.recent());
		FaultController faultController = this.faults.getIfAvailable();
		state.put("faults", (faultController != null) ? faultController.faults() : List.of());
		state.put("kinds", (faultController != null) ? faultController.kinds() : List.of());
		state.put("health", new ModelPoolsHealth(this.pools).read().pools());
		// "</" never ends the script element early, whatever a value holds.
		String initial = this.json.writeValueAsString(state).replace("</", "<\\/");
		return this.page.replace(SCRIPT,
				"<script id=\"initial-state\" type=\"application/json\">" + initial + "</script>\n" + SCRIPT);
	}

}
