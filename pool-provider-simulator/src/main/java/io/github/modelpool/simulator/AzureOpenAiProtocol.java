package io.github.modelpool.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI deployments
 * ({@code /openai/deployments/{deployment}/chat/completions?api-version=...}): OpenAI's
 * bodies and stream, the deployment in the path, Azure's error bodies.
 */
class AzureOpenAiProtocol extends OpenAiProtocol {

	private static final PathRoute ROUTE = new PathRoute("/openai/deployments/([^/]+)/chat/completions");

	AzureOpenAiProtocol() {
		super("/openai/deployments/{deployment}/chat/completions");
	}

	@Override
	boolean serves(String path) {
		return ROUTE.matches(path);
	}

	@Override
	String model(String path, JsonNode body) {
		return ROUTE.group(path, 1);
	}

	@Override
	String errorBody(int status, String message) {
		if (message.contains("maximum context length")) {
			return super.errorBody(status, message);
		}
		ObjectNode root = Json.object();
		root.putObject("error").put("code", (status == 404) ? "DeploymentNotFound" : String.valueOf(status))
			.put("message", message);
		return root.toString();
	}

	@Override
	String errorMessage(int status) {
		return switch (status) {
			case 401 -> "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
					+ "provide a valid key for an active subscription and use a correct regional API endpoint "
					+ "for your resource.";
			case 404 -> "The API deployment for this resource does not exist. If you created the deployment "
					+ "within the last 5 minutes, please wait a moment and try again.";
			case 429 -> "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version "
					+ "2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier.";
			default -> super.errorMessage(status);
		};
	}

}
