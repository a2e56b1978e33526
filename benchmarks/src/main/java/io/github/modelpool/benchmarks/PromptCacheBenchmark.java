package io.github.modelpool.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * How much of the prompt the providers' prompt caches serve, by how a pool places
 * conversations. Three accounts (the simulator's members {@code a}, {@code b},
 * {@code c}) behind real Spring AI OpenAI models; 1,000 conversations of 10 turns each,
 * every turn sending the whole conversation so far after a shared 100-word system prompt,
 * the conversations' turns interleaved (first turns of all, then second turns...). Each
 * setting starts from empty caches: {@code deterministic} homes and {@code round-robin}
 * homes with conversation ids, and no conversation ids at all (every call anonymous, so
 * spread over the accounts). Reports the prompt tokens, those the accounts' caches
 * served and those billed at the full rate.
 * <p>
 * What it measures is the simulator's cache rule (leading whole messages the same
 * account saw within five minutes are cached), which follows the providers' documented
 * prefix caching; tokens are words.
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.modelpool.benchmarks.PromptCacheBenchmark [conversations] [turns]}.
 */
public final class PromptCacheBenchmark {

	private static final List<String> ACCOUNTS = List.of("a", "b", "c");

	private static final String SYSTEM = ("You are a careful assistant of a travel agency. Answer briefly, "
			+ "ask one question when a request is unclear, never invent prices or dates, and say so when you "
			+ "do not know. ").repeat(3);

	private final ProviderSimulator simulator;

	private final List<ChatModel> models = new ArrayList<>();

	private PromptCacheBenchmark(ProviderSimulator simulator) {
		this.simulator = simulator;
		for (String account : ACCOUNTS) {
			this.models.add(SimulatorModels.openAi(simulator, account));
		}
	}

	public static void main(String[] args) {
		int conversations = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int turns = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try (ProviderSimulator simulator = ProviderSimulator.start()) {
			simulator.replies((member, request) -> "Here is what I found for you today.");
			PromptCacheBenchmark benchmark = new PromptCacheBenchmark(simulator);
			System.out.printf(Locale.ROOT, "%d conversations x %d turns over %d accounts%n", conversations, turns,
					ACCOUNTS.size());
			System.out.printf(Locale.ROOT, "%-30s %12s %12s %10s %16s%n", "Setting", "prompt", "cached", "hit ratio",
					"full-rate prompt");
			for (Setting setting : Setting.values()) {
				TokenCounts tokens = benchmark.run(setting, conversations, turns);
				System.out.printf(Locale.ROOT, "%-30s %12d %12d %9.1f%% %16d%n", setting.label, tokens.input(),
						tokens.cached(), 100 * tokens.cacheHitRatio(), tokens.uncached());
			}
		}
		System.exit(0);
	}

	private TokenCounts run(Setting setting, int conversations, int turns) {
		this.simulator.reset();
		ModelPool pool = pool(setting.home);
		List<List<Message>> histories = new ArrayList<>();
		for (int conversation = 0; conversation < conversations; conversation++) {
			histories.add(new ArrayList<>(List.of(new SystemMessage(SYSTEM))));
		}
		for (int turn = 0; turn < turns; turn++) {
			for (int conversation = 0; conversation < conversations; conversation++) {
				List<Message> history = histories.get(conversation);
				history.add(new UserMessage(
						"Conversation " + conversation + ", question " + turn + ": what about the trip next month?"));
				Prompt prompt = new Prompt(List.copyOf(history));
				ChatResponse answer = setting.withIds
						? ModelPoolContext.withConversation("conversation-" + conversation, () -> pool.call(prompt))
						: pool.call(prompt);
				history.add(new AssistantMessage(answer.getResult().getOutput().getText()));
			}
		}
		return pool.getMembers().stream().map(PoolMember::tokens).reduce(TokenCounts.NONE, TokenCounts::plus);
	}

	private ModelPool pool(HomeStrategy home) {
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(
				CircuitBreakerRegistry.of(MemberCircuitBreakers.POOL_DEFAULTS));
		ModelPool.Builder builder = ModelPool.builder("cache")
			.routing(new RoutingPolicy(home, StickyScope.THREAD, 10_000, Duration.ofHours(1), null));
		for (int i = 0; i < ACCOUNTS.size(); i++) {
			String account = ACCOUNTS.get(i);
			builder.member(new PoolMember(new RouteMember(account, 1, MemberRole.MEMBER), account, this.models.get(i),
					null, breakers.forMember("cache", account), Clock.systemUTC()));
		}
		return builder.build();
	}

	private enum Setting {

		DETERMINISTIC("deterministic homes", HomeStrategy.DETERMINISTIC, true),

		ROUND_ROBIN("round-robin homes", HomeStrategy.ROUND_ROBIN, true),

		NO_CONVERSATION_IDS("no conversation ids", HomeStrategy.DETERMINISTIC, false);

		private final String label;

		private final HomeStrategy home;

		private final boolean withIds;

		Setting(String label, HomeStrategy home, boolean withIds) {
			this.label = label;
			this.home = home;
			this.withIds = withIds;
		}

	}

}
