package io.github.modelpool.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.modelpool.actuate.ModelPoolMetrics;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.SimulatorExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prompt tokens a provider read from its prompt cache, as each provider reports them
 * to each line's real Spring AI model (the simulator keeps a prompt cache per account),
 * are counted at the member, in {@code model.pool.tokens} and in the hit ratio, for
 * calls and streams.
 */
class PromptCacheAccountingTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "openai", "anthropic", "gemini" })
	void aConversationsSecondTurnReadsItsFirstTurnFromTheCache(String provider) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ModelPool pool = pool(provider, meters);
		List<Message> history = new ArrayList<>(List.of(new SystemMessage("be brief and kind"), new UserMessage("hi there")));
		ChatResponse first = turn(pool, history, (prompt) -> pool.call(prompt));
		history.add(first.getResult().getOutput());
		history.add(new UserMessage("how are you"));
		turn(pool, history, (prompt) -> pool.call(prompt));
		// Words are tokens: 4 + 2 in, then the same 6 (cached) + 5 of the answer + 3 new.
		TokenCounts tokens = pool.getMember("m").orElseThrow().tokens();
		assertThat(tokens).isEqualTo(new TokenCounts(6 + 14, 6, 5 + 6));
		assertThat(tokens.cacheHitRatio()).isEqualTo(6.0 / 20);
		assertThat(meters.get("model.pool.tokens").tags("pool", "cache", "member", "m", "type", "cached").counter()
			.count()).isEqualTo(6);
		assertThat(meters.get("model.pool.tokens").tags("pool", "cache", "member", "m", "type", "input").counter()
			.count()).isEqualTo(20);
		assertThat(meters.get("model.pool.tokens").tags("pool", "cache", "member", "m", "type", "output").counter()
			.count()).isEqualTo(11);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "openai", "anthropic", "gemini" })
	void aStreamedAnswerIsCountedOnce(String provider) {
		ModelPool pool = pool(provider, new SimpleMeterRegistry());
		List<Message> history = new ArrayList<>(List.of(new SystemMessage("be brief and kind"), new UserMessage("hi there")));
		turn(pool, history, (prompt) -> pool.call(prompt));
		history.add(new UserMessage("and now"));
		turn(pool, history, (prompt) -> pool.stream(prompt)
			.contextWrite(ModelPoolContext.conversation("conversation-1"))
			.blockLast());
		TokenCounts tokens = pool.getMember("m").orElseThrow().tokens();
		assertThat(tokens.input()).isEqualTo(6 + 8);
		assertThat(tokens.cached()).isEqualTo(6);
	}

	private static ChatResponse turn(ModelPool pool, List<Message> history, Function<Prompt, ChatResponse> call) {
		Prompt prompt = new Prompt(List.copyOf(history));
		return ModelPoolContext.withConversation("conversation-1", () -> call.apply(prompt));
	}

	private static ModelPool pool(String provider, SimpleMeterRegistry meters) {
		ProviderSimulator providers = simulator.get();
		ChatModel model = switch (provider) {
			case "openai" -> ProviderModels.openAi(providers, "m", "gpt-m");
			case "anthropic" -> ProviderModels.anthropic(providers, "m", "claude-m");
			default -> ProviderModels.gemini(providers, "m", "gemini-m");
		};
		return new PoolFixture(new SimulatedModels(providers), "cache").member("m", 1, MemberRole.MEMBER, model, null)
			.build((builder) -> builder.listener(new ModelPoolMetrics(meters, ModelPools.of(List.of()))));
	}

}
