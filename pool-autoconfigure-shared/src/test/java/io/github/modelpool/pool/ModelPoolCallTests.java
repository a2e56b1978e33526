package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderErrors;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Blocking calls through a pool of real Spring AI models talking HTTP to simulated
 * providers.
 */
class ModelPoolCallTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void callRoutesToTheHomeMemberAndSaysWhoAnswered() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		ChatResponse response = call(pool, "thread-1", "hello");
		String served = servedBy(response);
		assertThat(served).isIn("a", "b");
		assertThat(response.getResult().getOutput().getText()).isEqualTo("[" + served + "] You said: hello");
		assertThat(simulator.member(served).requestCount()).isEqualTo(1);
	}

	@Test
	void conversationStaysOnOneMemberOverManyCalls() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").anthropic("c").build();
		Set<String> served = new HashSet<>();
		for (int i = 0; i < 25; i++) {
			served.add(servedBy(call(pool, "thread-sticky", "message " + i)));
		}
		assertThat(served).hasSize(1);
		assertThat(simulator.member(served.iterator().next()).requestCount()).isEqualTo(25);
	}

	@Test
	void conversationsSpreadAcrossMembersAndKeepTheirOwnMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").anthropic("c").build();
		Map<String, String> firstMember = new HashMap<>();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 30; i++) {
				String conversation = "thread-" + i;
				String served = servedBy(call(pool, conversation, "hi"));
				assertThat(firstMember.computeIfAbsent(conversation, (key) -> served)).isEqualTo(served);
			}
		}
		assertThat(new HashSet<>(firstMember.values())).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(pool.snapshot().sessions()).isEqualTo(30);
	}

	@Test
	void runScopeKeysSessionsByRunNotConversation() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.openAi("c")
			.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.ROUND_ROBIN, StickyScope.RUN, 100,
					Duration.ofHours(1), null)));
		Set<String> served = new HashSet<>();
		for (int run = 0; run < 3; run++) {
			String runId = "run-" + run;
			Set<String> inRun = new HashSet<>();
			for (int i = 0; i < 4; i++) {
				inRun.add(servedBy(ModelPoolContext.withRun(runId,
						() -> ModelPoolContext.withConversation("same-thread", () -> pool.call(prompt("hi"))))));
			}
			assertThat(inRun).as("one member per run").hasSize(1);
			served.addAll(inRun);
		}
		assertThat(served).as("the conversation id did not pin the runs together").hasSize(3);
		assertThat(pool.snapshot().sessions()).isEqualTo(3);
	}

	@Test
	void callsWithoutKeyAreAnonymousOneCallSessionsThatAdvanceRoundRobin() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.ROUND_ROBIN, StickyScope.THREAD, 100,
					Duration.ofHours(1), null)));
		List<String> served = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			served.add(servedBy(pool.call(prompt("hi"))));
		}
		assertThat(served).containsExactly("a", "b", "a", "b");
		assertThat(pool.snapshot().anonymousCalls()).isEqualTo(4);
		assertThat(pool.snapshot().sessions()).isZero();
	}

	@Test
	void anonymousCallsSpreadWithDeterministicHomesToo() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").openAi("c").build();
		Set<String> served = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			served.add(servedBy(pool.call(prompt("hi"))));
		}
		assertThat(served).containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void quotaWithoutRetryAfterSwitchesWithinTheCallAndTheConversationStaysOnTheFailoverMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-q", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).fail(Fault.status(429));
		assertThat(servedBy(call(pool, "thread-q", "second"))).isEqualTo(other);
		simulator.member(home).healthy();
		for (int i = 0; i < 5; i++) {
			assertThat(servedBy(call(pool, "thread-q", "again"))).isEqualTo(other);
		}
		assertThat(simulator.member(home).requestCount()).isEqualTo(2);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@Test
	void shortRetryAfterIsWaitedOutOnTheSameMemberAndLongRetryAfterSwitches() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-r", "first"));
		simulator.member(home).failNext(Fault.status(429).withRetryAfter("1"));
		long started = System.nanoTime();
		ChatResponse afterWait = call(pool, "thread-r", "short");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited the Retry-After out")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(servedBy(afterWait)).isEqualTo(home);
		assertThat(afterWait.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(2);
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
		assertThat(pool.snapshot().switches()).isZero();
		simulator.member(home).failNext(Fault.status(429).withRetryAfter("120"));
		assertThat(servedBy(call(pool, "thread-r", "long"))).isNotEqualTo(home);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@Test
	void aShortRetryAfterIsWaitedOutOnceThenTheSessionMoves() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-r2", "first"));
		simulator.member(home).fail(Fault.status(429).withRetryAfter("1"));
		ChatResponse response = call(pool, "thread-r2", "short twice");
		assertThat(servedBy(response)).isNotEqualTo(home);
		assertThat(response.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(3);
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@Test
	void quotaDoesNotSwitchWhenOnQuotaIsOff() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
				.build((builder) -> builder.switching(SwitchPolicy.builder().onQuota(false).build()));
		String home = servedBy(call(pool, "thread-off", "first"));
		simulator.member(home).fail(Fault.status(429));
		assertThatThrownBy(() -> call(pool, "thread-off", "x"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 429));
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void unauthorizedSwitchesAndQuarantinesTheMemberForEverySession() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-p", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).fail(Fault.status(401));
		assertThat(servedBy(call(pool, "thread-p", "second"))).isEqualTo(other);
		assertThat(pool.getMember(home).orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
		int requestsSoFar = simulator.member(home).requestCount();
		for (int i = 0; i < 20; i++) {
			assertThat(servedBy(call(pool, "conversation-" + i, "hi"))).isEqualTo(other);
		}
		assertThat(simulator.member(home).requestCount()).as("a quarantined member gets no requests")
			.isEqualTo(requestsSoFar);
	}

	@Test
	void modelNotFoundIsPermanentToo() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-404", "first"));
		simulator.member(home).fail(Fault.status(404));
		assertThat(servedBy(call(pool, "thread-404", "second"))).isNotEqualTo(home);
		assertThat(pool.getMember(home).orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
	}

	@Test
	void quarantineEndsAfterItsDurationAndOnReset() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b");
		ModelPool pool = fixture.build((builder) -> builder
			.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(null)
					.quarantineDuration(Duration.ofMinutes(10))
					.build()));
		String home = servedBy(call(pool, "thread-qd", "first"));
		simulator.member(home).failNext(Fault.status(401));
		call(pool, "thread-qd", "second");
		assertThat(pool.getMember(home).orElseThrow().isAvailable()).isFalse();
		fixture.time().advance(Duration.ofMinutes(11));
		assertThat(pool.getMember(home).orElseThrow().isAvailable()).isTrue();
		simulator.member(home).failNext(Fault.status(403));
		call(pool, "thread-fresh-" + home, "x");
		pool.getMembers().forEach((member) -> member.reset());
		assertThat(pool.getMembers()).allMatch((member) -> member.state() == MemberState.CLOSED);
	}

	@Test
	void permanentFailureDoesNotSwitchOrQuarantineWhenOnPermanentIsOff() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(null)
					.onPermanent(false)
					.build()));
		String home = servedBy(call(pool, "thread-np", "first"));
		simulator.member(home).fail(Fault.status(401));
		assertThatThrownBy(() -> call(pool, "thread-np", "x"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 401));
		assertThat(pool.getMember(home).orElseThrow().state()).isEqualTo(MemberState.CLOSED);
	}

	@Test
	void serverErrorIsRetriedThenTheCallMovesWhileTheSessionStaysHomeUntilTheBreakerOpens() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-t", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).fail(Fault.status(500));
		ChatResponse rescued = call(pool, "thread-t", "x");
		assertThat(servedBy(rescued)).isEqualTo(other);
		assertThat(rescued.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(3);
		assertThat(simulator.member(home).requestCount()).as("first call, then a try and one retry").isEqualTo(3);
		assertThat(pool.snapshot().switches()).as("the session stays home").isZero();
		assertThat(activeSessionsOf(pool, home)).isEqualTo(1);
		assertThat(servedBy(call(pool, "thread-t", "y"))).isEqualTo(other);
		assertThat(simulator.member(home).requestCount()).isEqualTo(5);
		// The fifth failure opens the breaker: no retry, and now the session moves.
		assertThat(servedBy(call(pool, "thread-t", "z"))).isEqualTo(other);
		assertThat(simulator.member(home).requestCount()).isEqualTo(6);
		assertThat(pool.getMember(home).orElseThrow().state()).isEqualTo(MemberState.OPEN);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
		assertThat(servedBy(call(pool, "thread-t", "after open"))).isEqualTo(other);
		assertThat(simulator.member(home).requestCount()).isEqualTo(6);
	}

	@Test
	void aServerErrorOnceIsRescuedOnTheSameMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-once", "first"));
		simulator.member(home).failNext(Fault.status(500));
		ChatResponse response = call(pool, "thread-once", "x");
		assertThat(servedBy(response)).isEqualTo(home);
		assertThat(response.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(2);
		assertThat(simulator.members()).filteredOn((member) -> !member.id().equals(home))
			.allSatisfy((member) -> assertThat(member.requestCount()).isZero());
	}

	@Test
	void serverErrorReachesTheCallerUnchangedAfterRetriesWhenOnTransientIsOff() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.switching(SwitchPolicy.builder().onTransient(false).build()));
		String home = servedBy(call(pool, "thread-off-t", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).fail(Fault.status(500));
		assertThatThrownBy(() -> call(pool, "thread-off-t", "x"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 500));
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
		assertThat(simulator.member(other).requestCount()).isZero();
	}

	@Test
	void breakerWithThresholdOneMovesTheSessionAtTheFirstTransientFailure() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.breakers((config) -> config.slidingWindowSize(1).minimumNumberOfCalls(1))
			.openAi("a")
			.openAi("b")
			.build();
		String home = servedBy(call(pool, "thread-t1", "first"));
		simulator.member(home).failNext(Fault.status(503));
		assertThat(servedBy(call(pool, "thread-t1", "x"))).isNotEqualTo(home);
		assertThat(simulator.member(home).requestCount()).as("an open breaker is not retried").isEqualTo(2);
		assertThat(servedBy(call(pool, "thread-t1", "next"))).isNotEqualTo(home);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@Test
	void requestErrorNeverSwitchesAndNeverCountsAgainstTheMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-400", "first"));
		simulator.member(home).fail(Fault.status(400));
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> call(pool, "thread-400", "x"))
				.satisfies((error) -> ProviderErrors.assertBlockingError(error, 400));
		}
		assertThat(pool.getMember(home).orElseThrow().state()).isEqualTo(MemberState.CLOSED);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void whenEveryMemberIsOpenTheCallFailsWithoutAnyProviderRequest() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		pool.getMembers().forEach((member) -> member.circuitBreaker().transitionToOpenState());
		assertThatExceptionOfType(ModelPoolUnavailableException.class)
			.isThrownBy(() -> call(pool, "thread-open", "x"))
			.satisfies((ex) -> {
				assertThat(ex.getPoolId()).isEqualTo("assistant");
				assertThat(ex.getMemberFailures()).containsOnlyKeys("a", "b");
				assertThat(ex.getMessage()).contains("assistant");
				assertThat(ex.getSuppressed()).hasSize(2)
					.allSatisfy((refusal) -> assertThat(refusal).isInstanceOfSatisfying(
							MemberUnavailableException.class,
							(unavailable) -> assertThat(unavailable.getState()).isEqualTo(MemberState.OPEN)));
			});
		assertThat(simulator.member("a").requestCount() + simulator.member("b").requestCount()).isZero();
	}

	@Test
	void everyMemberFailingWithSwitchWorthyErrorsExhaustsThePool() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").anthropic("c").build();
		simulator.member("a").fail(Fault.status(429));
		simulator.member("b").fail(Fault.status(401));
		simulator.member("c").fail(Fault.status(529));
		assertThatExceptionOfType(ModelPoolExhaustedException.class).isThrownBy(() -> call(pool, "thread-x", "x"))
			.satisfies((ex) -> {
				assertThat(ex.getMemberFailures()).containsOnlyKeys("a", "b", "c");
				assertThat(ex.getMemberFailures().get("a")).startsWith("QUOTA (HTTP 429");
				assertThat(ex.getMemberFailures().get("b")).startsWith("PERMANENT (HTTP 401");
				assertThat(ex.getSuppressed()).hasSize(3);
			});
		assertThat(List.of(simulator.member("a").requestCount(), simulator.member("b").requestCount(),
				simulator.member("c").requestCount()))
			.as("no member is tried twice")
			.containsExactly(1, 1, 1);
	}

	@Test
	void exhaustionIsPoolLevelAlsoAfterBreakersOpened() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.breakers((config) -> config.slidingWindowSize(1).minimumNumberOfCalls(1))
			.openAi("a")
			.openAi("b")
			.build();
		simulator.member("a").fail(Fault.status(429));
		simulator.member("b").fail(Fault.status(429));
		assertThatExceptionOfType(ModelPoolExhaustedException.class).isThrownBy(() -> call(pool, "thread-xo", "x"));
		assertThat(pool.getMembers()).allMatch((member) -> member.state() == MemberState.OPEN);
		assertThatExceptionOfType(ModelPoolUnavailableException.class)
			.isThrownBy(() -> call(pool, "thread-xo", "again"));
	}

	@Test
	void switchBudgetStopsWithTheLastProviderErrorNotExhaustion() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.openAi("c")
			.build((builder) -> builder.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(null)
					.maxSwitchesPerSession(1)
					.build()));
		simulator.member("a").fail(Fault.status(429));
		simulator.member("b").fail(Fault.status(429));
		simulator.member("c").fail(Fault.status(429));
		assertThatThrownBy(() -> call(pool, "thread-b", "x")).isNotInstanceOf(ModelPoolException.class)
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 429));
		int reached = simulator.member("a").requestCount() + simulator.member("b").requestCount()
				+ simulator.member("c").requestCount();
		assertThat(reached).as("home plus one switch").isEqualTo(2);
	}

	@Test
	void successfulCallResetsTheSwitchBudget() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(null)
					.maxSwitchesPerSession(1)
					.build()));
		String home = servedBy(call(pool, "thread-budget", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).failNext(Fault.status(429));
		assertThat(servedBy(call(pool, "thread-budget", "switch once"))).isEqualTo(other);
		simulator.member(other).failNext(Fault.status(429));
		assertThat(servedBy(call(pool, "thread-budget", "switch again after a success"))).isEqualTo(home);
	}

	@Test
	void switchedSessionReturnsHomeAfterBeingIdleLongEnough() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b");
		ModelPool pool = fixture.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.DETERMINISTIC,
				StickyScope.THREAD, 100, Duration.ofHours(1), Duration.ofMinutes(10))));
		String home = servedBy(call(pool, "thread-home", "first"));
		simulator.member(home).failNext(Fault.status(429));
		String away = servedBy(call(pool, "thread-home", "second"));
		assertThat(away).isNotEqualTo(home);
		fixture.time().advance(Duration.ofMinutes(5));
		assertThat(servedBy(call(pool, "thread-home", "not idle long enough"))).isEqualTo(away);
		fixture.time().advance(Duration.ofMinutes(11));
		assertThat(servedBy(call(pool, "thread-home", "idle long enough"))).isEqualTo(home);
		assertThat(pool.snapshot().switches()).isEqualTo(2);
	}

	@Test
	void sessionsNeverReturnHomeWithoutReturnHomeAfter() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b");
		ModelPool pool = fixture.build();
		String home = servedBy(call(pool, "thread-stay", "first"));
		simulator.member(home).failNext(Fault.status(429));
		String away = servedBy(call(pool, "thread-stay", "second"));
		fixture.time().advance(Duration.ofMinutes(50));
		assertThat(servedBy(call(pool, "thread-stay", "later"))).isEqualTo(away);
	}

	@Test
	void foreignModelOptionIsNeverSentToAnotherMember() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("claude", 1, MemberRole.MEMBER, ProviderModels.anthropic(simulator.get(), "claude", "claude-default"),
					null)
			.member("gpt", 1, MemberRole.FAILOVER_ONLY, ProviderModels.openAi(simulator.get(), "gpt", "gpt-default"),
					"gpt-4o-mini");
		ModelPool pool = fixture.build();
		Prompt prompt = new Prompt("hi", OpenAiChatOptions.builder().model("gpt-4o").temperature(0.3).build());
		ModelPoolContext.withConversation("thread-m", () -> pool.call(prompt));
		RecordedRequest toClaude = simulator.member("claude").requests().get(0);
		assertThat(toClaude.model()).isEqualTo("claude-default");
		assertThat(toClaude.body().get("temperature").asDouble()).isEqualTo(0.3);
		simulator.member("claude").fail(Fault.status(429));
		ModelPoolContext.withConversation("thread-m", () -> pool.call(prompt));
		RecordedRequest toGpt = simulator.member("gpt").requests().get(0);
		assertThat(toGpt.model()).isEqualTo("gpt-4o-mini");
		assertThat(toGpt.body().get("temperature").asDouble()).isEqualTo(0.3);
	}

	@Test
	void defaultOptionsAreNeutralSoEveryMemberKeepsItsOwnModel() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		assertThat(pool.getDefaultOptions().getModel()).isNull();
		assertThat(pool.getDefaultOptions().getTemperature()).isNull();
	}

	@Test
	void eachMemberReceivesItsOwnKey() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		simulator.member("a").fail(Fault.status(429));
		simulator.member("b").fail(Fault.status(429));
		assertThatExceptionOfType(ModelPoolExhaustedException.class).isThrownBy(() -> call(pool, "k", "x"));
		assertThat(simulator.member("a").requests().get(0).apiKey()).isEqualTo(ProviderModels.apiKeyOf("a"));
		assertThat(simulator.member("b").requests().get(0).apiKey()).isEqualTo(ProviderModels.apiKeyOf("b"));
	}

	@Test
	void concurrentFailoverOfOneConversationCommitsOnceAndEveryCallerFollows() throws Exception {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").openAi("c").build();
		String home = servedBy(call(pool, "thread-busy", "first"));
		simulator.member(home).fail(Fault.status(429).withDelay(Duration.ofMillis(50)));
		int callers = 24;
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			results.add(executor.submit(() -> {
				start.await();
				return servedBy(call(pool, "thread-busy", "concurrent"));
			}));
		}
		start.countDown();
		Set<String> served = new HashSet<>();
		for (Future<String> result : results) {
			served.add(result.get(30, TimeUnit.SECONDS));
		}
		executor.shutdownNow();
		assertThat(served).hasSize(1).doesNotContain(home);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@Test
	void manyConversationsFromManyThreadsStayStickyWhileAMemberFails() throws Exception {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").anthropic("c").build();
		simulator.member("b").fail(Fault.status(429));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		List<Future<Map<String, Set<String>>>> results = new ArrayList<>();
		for (int worker = 0; worker < 8; worker++) {
			int offset = worker;
			results.add(executor.submit(() -> {
				Map<String, Set<String>> servedPerConversation = new HashMap<>();
				for (int i = 0; i < 40; i++) {
					String conversation = "thread-" + ((i + offset) % 10);
					servedPerConversation.computeIfAbsent(conversation, (key) -> new HashSet<>())
						.add(servedBy(call(pool, conversation, "hi")));
				}
				return servedPerConversation;
			}));
		}
		Map<String, Set<String>> all = new HashMap<>();
		for (Future<Map<String, Set<String>>> result : results) {
			result.get(60, TimeUnit.SECONDS)
				.forEach((conversation, members) -> all.computeIfAbsent(conversation, (key) -> new HashSet<>())
					.addAll(members));
		}
		executor.shutdownNow();
		assertThat(all).hasSize(10);
		assertThat(all.values()).allSatisfy((members) -> assertThat(members).hasSize(1).doesNotContain("b"));
	}

	private static int activeSessionsOf(ModelPool pool, String member) {
		return pool.snapshot()
			.members()
			.stream()
			.filter((snapshot) -> snapshot.id().equals(member))
			.mapToInt(MemberSnapshot::activeSessions)
			.sum();
	}

	private static ChatResponse call(ModelPool pool, String conversation, String text) {
		return ModelPoolContext.withConversation(conversation, () -> pool.call(prompt(text)));
	}

	private static Prompt prompt(String text) {
		return new Prompt(text);
	}

	static String servedBy(ChatResponse response) {
		return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

}
