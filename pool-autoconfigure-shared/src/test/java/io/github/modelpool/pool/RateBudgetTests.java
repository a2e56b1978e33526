package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.Router;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.BootLineTestSupport;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rate budgets acted on before the provider's 429, with each line's real Spring AI
 * models over HTTP to simulated accounts that enforce their limits: declared budgets,
 * budgets learned from the rate-limit headers where the line's model exposes them, and
 * from 429s everywhere.
 */
class RateBudgetTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(MemberCircuitBreakers.POOL_DEFAULTS);

	@Test
	void declaredBudgetsKeepEveryCallOffTheProvidersLimitAndTheCallPastThemEndsAtOnce() {
		limits("a", 3, Duration.ofMinutes(1));
		limits("b", 3, Duration.ofMinutes(1));
		ModelPool pool = pool("openai", RateLimits.perMinute(3L, null), RateLimits.perMinute(3L, null));
		for (int i = 0; i < 6; i++) {
			assertThat(call(pool, "conversation-" + i)).isNotNull();
		}
		assertThatThrownBy(() -> call(pool, "one-too-many")).isInstanceOfSatisfying(
				ModelPoolRateLimitedException.class,
				(ex) -> assertThat(ex.getRetryAfter()).isGreaterThan(Duration.ofSeconds(5))
					.isLessThanOrEqualTo(Duration.ofSeconds(63)));
		assertThat(simulator.member("a").rateLimitedCount()).isZero();
		assertThat(simulator.member("b").rateLimitedCount()).isZero();
		assertThat(simulator.member("a").requestCount() + simulator.member("b").requestCount()).isEqualTo(6);
	}

	@Test
	void aStreamPastEveryBudgetEndsWithTheRateLimitedException() {
		ModelPool pool = pool("openai", RateLimits.perMinute(1L, null), RateLimits.perMinute(1L, null));
		call(pool, "first");
		call(pool, "second");
		assertThatThrownBy(() -> pool.stream(new Prompt("hi"))
			.contextWrite(ModelPoolContext.conversation("third"))
			.blockLast(Duration.ofSeconds(10))).isInstanceOf(ModelPoolRateLimitedException.class);
		assertThat(simulator.member("a").requestCount() + simulator.member("b").requestCount()).isEqualTo(2);
	}

	@Test
	void aBudgetThatFreesWithinTheThresholdIsWaitedForAtHome() {
		RateLimits oneEverySecond = new RateLimits(1L, null, Duration.ofSeconds(1));
		limits("a", 1, Duration.ofSeconds(1));
		limits("b", 1, Duration.ofSeconds(1));
		ModelPool pool = pool("openai", oneEverySecond, oneEverySecond);
		String home = call(pool, "thread-1");
		assertThat(call(pool, "thread-1")).isEqualTo(home);
		assertThat(call(pool, "thread-1")).isEqualTo(home);
		assertThat(simulator.member("a").rateLimitedCount() + simulator.member("b").rateLimitedCount()).isZero();
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
	}

	@Test
	void theLinesHeaderReadingModelLearnsTheLimitAndSpendsNoRequestOnA429() {
		String provider = BootLineTestSupport.RATE_LIMIT_HEADERS_PROVIDER;
		limits("a", 2, Duration.ofMinutes(1));
		ModelPool pool = pool(provider, RateLimits.NONE, RateLimits.NONE);
		String homedAtA = conversationHomedAt(pool, "a");
		assertThat(call(pool, homedAtA)).isEqualTo("a");
		assertThat(call(pool, homedAtA)).isEqualTo("a");
		// The second answer said nothing is left until the window ends: the third call and
		// its session go to b before asking a.
		assertThat(call(pool, homedAtA)).isEqualTo("b");
		assertThat(simulator.member("a").rateLimitedCount()).isZero();
		PoolMember a = pool.getMember("a").orElseThrow();
		assertThat(a.budget().snapshot(System.nanoTime()).requestsLimit()).isEqualTo(2);
		assertThat(a.budget().snapshot(System.nanoTime()).requestsRemaining()).isZero();
	}

	@Test
	void withoutHeadersA429AndItsRetryAfterTeachTheBudget() {
		String provider = BootLineTestSupport.NO_RATE_LIMIT_HEADERS_PROVIDER;
		limits("a", 1, Duration.ofMinutes(1));
		ModelPool pool = pool(provider, RateLimits.NONE, RateLimits.NONE);
		String homedAtA = conversationHomedAt(pool, "a");
		assertThat(call(pool, homedAtA)).isEqualTo("a");
		assertThat(call(pool, homedAtA)).isEqualTo("b");
		assertThat(simulator.member("a").rateLimitedCount()).isOne();
		// A new conversation homed at a does not spend a request to learn it again.
		assertThat(call(pool, conversationHomedAt(pool, "a", homedAtA))).isEqualTo("b");
		assertThat(simulator.member("a").rateLimitedCount()).isOne();
		assertThat(pool.getMember("a").orElseThrow().budget().snapshot(System.nanoTime()).heldFor())
			.isGreaterThan(Duration.ofSeconds(50));
	}

	@Test
	void malformedRateLimitHeadersNeverFailACall() {
		String provider = BootLineTestSupport.RATE_LIMIT_HEADERS_PROVIDER;
		simulator.member("a").limits(100, 0, Duration.ofMinutes(1)).malformedRateLimitHeaders(true);
		ModelPool pool = pool(provider, RateLimits.NONE, RateLimits.NONE);
		String homedAtA = conversationHomedAt(pool, "a");
		assertThat(call(pool, homedAtA)).isEqualTo("a");
		assertThat(call(pool, homedAtA)).isEqualTo("a");
		assertThat(pool.getMember("a").orElseThrow().budget().isTracking()).isFalse();
	}

	@Test
	void leastLoadedHomesSendNewConversationsToTheFasterAccountAndLeaveExistingHomes() {
		ModelPool pool = ModelPool.builder("budgets")
			.routing(new RoutingPolicy(HomeStrategy.LEAST_LOADED, StickyScope.THREAD, 1_000, Duration.ofHours(1),
					null))
			.member(member("a", "openai", RateLimits.NONE))
			.member(member("b", "openai", RateLimits.NONE))
			.build();
		simulator.member("a").fail(Fault.delay(Duration.ofMillis(150)));
		// Each member answers once: then the router knows their latencies.
		String atA = conversationHomedAt(pool, "a");
		String atB = conversationHomedAt(pool, "b");
		assertThat(call(pool, atA)).isEqualTo("a");
		assertThat(call(pool, atB)).isEqualTo("b");
		for (int i = 0; i < 10; i++) {
			assertThat(call(pool, "new-" + i)).as("new conversation %d", i).isEqualTo("b");
		}
		assertThat(call(pool, atA)).as("an existing home is kept").isEqualTo("a");
		assertThat(pool.snapshot().switches()).isZero();
	}

	private static void limits(String member, long requests, Duration window) {
		simulator.member(member).limits(requests, 0, window);
	}

	/**
	 * Call the pool in a conversation.
	 * @return the member that answered
	 */
	private static String call(ModelPool pool, String conversation) {
		ChatResponse response = ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("hi")));
		return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

	private ModelPool pool(String provider, RateLimits a, RateLimits b) {
		return ModelPool.builder("budgets").member(member("a", provider, a)).member(member("b", provider, b)).build();
	}

	private PoolMember member(String id, String provider, RateLimits limits) {
		ProviderSimulator providers = simulator.get();
		ChatModel model = "openai".equals(provider) ? ProviderModels.openAi(providers, id, "gpt-" + id)
				: ProviderModels.anthropic(providers, id, "claude-" + id);
		return PoolMember
			.builder(new RouteMember(id, 1, MemberRole.MEMBER), model,
					new MemberCircuitBreakers(this.breakers).forMember("budgets", id))
			.chatModelName(id + "ChatModel")
			.budget(new AccountBudget(id + "ChatModel", limits))
			.build();
	}

	private static String conversationHomedAt(ModelPool pool, String member, String... not) {
		Router router = new Router(pool.getMembers().stream().map(PoolMember::route).toList(),
				HomeStrategy.DETERMINISTIC);
		int index = pool.getMembers().indexOf(pool.getMember(member).orElseThrow());
		for (int i = 0;; i++) {
			String key = "conversation-at-" + member + "-" + i;
			if (router.home(key, 0, (candidate) -> true) == index && !List.of(not).contains(key)) {
				return key;
			}
		}
	}

}
