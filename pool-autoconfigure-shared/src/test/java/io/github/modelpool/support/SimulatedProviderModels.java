package io.github.modelpool.support;

import io.github.modelpool.simulator.ProviderSimulator;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two provider models, as Spring AI's starters would define them, talking to a simulator
 * that is only started when a test calls them.
 */
@Configuration(proxyBeanMethods = false)
public class SimulatedProviderModels {

	@Bean(destroyMethod = "close")
	ProviderSimulator providerSimulator() {
		return ProviderSimulator.start();
	}

	@Bean
	OpenAiChatModel openAiChatModel(ProviderSimulator simulator) {
		return ProviderModels.openAi(simulator, "openai", "gpt-4o-mini");
	}

	@Bean
	AnthropicChatModel anthropicChatModel(ProviderSimulator simulator) {
		return ProviderModels.anthropic(simulator, "anthropic", "claude-3-5-haiku-latest");
	}

}
