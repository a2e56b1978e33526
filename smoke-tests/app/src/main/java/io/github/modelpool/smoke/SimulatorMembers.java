package io.github.modelpool.smoke;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The two members a smoke application builds by hand from a provider module: {@code memberA}
 * and {@code memberB}, talking HTTP to the simulator's members {@code a} and {@code b}. A
 * set's {@code SmokeMembers} says how its provider's model is built.
 */
abstract class SimulatorMembers {

	@Bean
	ChatModel memberA(@Value("${smoke.simulator}") String simulator) {
		return model(simulator + "/a");
	}

	@Bean
	ChatModel memberB(@Value("${smoke.simulator}") String simulator) {
		return model(simulator + "/b");
	}

	/**
	 * A model of this set's provider.
	 * @param baseUrl the simulated member's base URL
	 * @return the model
	 */
	abstract ChatModel model(String baseUrl);

}
