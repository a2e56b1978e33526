package io.github.modelpool.support;

import io.github.modelpool.simulator.ProviderSimulator;

import org.springframework.ai.chat.model.ChatModel;

/**
 * The line's real Spring AI models, each talking to its member of a provider simulator.
 *
 * @param simulator the simulator
 */
public record SimulatedModels(ProviderSimulator simulator) implements MemberModels {

	@Override
	public ChatModel openAi(String member, String model) {
		return ProviderModels.openAi(this.simulator, member, model);
	}

	@Override
	public ChatModel anthropic(String member, String model) {
		return ProviderModels.anthropic(this.simulator, member, model);
	}

}
