package io.github.modelpool.member;

import java.util.List;

import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's prompt adaptation, kept for all its calls ({@code forMember}), takes
 * shortcuts for prompts that ask for nothing; the provider must receive exactly the
 * request the full adaptation would make, on each line's real OpenAI model.
 */
class MemberPromptsShortcutTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final MemberPrompts prompts = MemberPrompts.forClasspath();

	@ParameterizedTest(name = "options: {0}, model override: {1}")
	@CsvSource(nullValues = "none", value = { "pool defaults, none", "pool defaults, gpt-override", "none, none",
			"none, gpt-override", "temperature, none", "temperature, gpt-override" })
	void theProviderReceivesWhatTheFullAdaptationSends(String options, String override) {
		ChatModel member = ProviderModels.openAi(simulator.get(), "a", "gpt-default");
		ChatOptions requested = switch (String.valueOf(options)) {
			case "pool defaults" -> this.prompts.poolDefaults();
			case "temperature" -> ChatOptions.builder().temperature(0.4).build();
			default -> null;
		};
		Prompt prompt = new Prompt("hi", requested);
		member.call(this.prompts.adapt(prompt, member, override));
		member.call(this.prompts.forMember(member, override).apply(prompt));
		member.call(this.prompts.forMember(member, override).apply(prompt));
		List<RecordedRequest> requests = simulator.member("a").requests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
		assertThat(requests.get(2).body()).isEqualTo(requests.get(0).body());
		assertThat(requests.get(0).model()).isEqualTo((override != null) ? override : "gpt-default");
	}

}
