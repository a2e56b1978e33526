package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderErrors;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.retry.NonTransientAiException;

import static io.github.modelpool.pool.ModelPoolCallTests.servedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Streams through a pool of real Spring AI models streaming server-sent events from
 * simulated providers.
 */
class ModelPoolStreamTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void streamIsServedByTheConversationsMemberAndCompletes() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-s", "first"));
		Answer answer = stream(pool, "thread-s", "tell me a story");
		assertThat(answer.members()).containsExactly(home);
		assertThat(answer.text()).isEqualTo("[" + home + "] You said: tell me a story");
		assertThat(pool.getMember(home).orElseThrow().succeededCalls()).isEqualTo(2);
	}

	@Test
	void quotaAtStreamOpenSwitchesAndTheSubscriberGetsOneCompleteAnswerFromTheOtherMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-sq", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).failNext(Fault.status(429));
		Answer answer = stream(pool, "thread-sq", "stream please");
		assertThat(answer.members()).containsExactly(other);
		assertThat(answer.text()).isEqualTo("[" + other + "] You said: stream please");
		assertThat(servedBy(call(pool, "thread-sq", "and after"))).isEqualTo(other);
	}

	@Test
	void quotaAtAnthropicStreamOpenSwitchesToo() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").anthropic("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-sqa", "first"));
		simulator.member(home).failNext(Fault.status(529));
		Answer answer = stream(pool, "thread-sqa", "stream please");
		assertThat(answer.members()).doesNotContain(home).hasSize(1);
	}

	@Test
	void shortRetryAfterAtStreamOpenIsWaitedOutOnTheSameMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-sra", "first"));
		simulator.member(home).failNext(Fault.status(429).withRetryAfter("1"));
		Answer waited = stream(pool, "thread-sra", "x");
		assertThat(waited.members()).containsOnly(home);
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
		assertThat(pool.snapshot().switches()).isZero();
		simulator.member(home).failNext(Fault.status(429).withRetryAfter("120"));
		assertThat(stream(pool, "thread-sra", "y").members()).doesNotContain(home);
	}

	@Test
	void serverErrorAtStreamOpenIsRetriedOnTheSameMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-s500", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).failNext(Fault.status(500));
		assertThat(stream(pool, "thread-s500", "x").members()).containsOnly(home);
		assertThat(simulator.member(other).requestCount()).isZero();
		assertThat(pool.getMember(home).orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.isEqualTo(1);
	}

	@Test
	void serverErrorsAtStreamOpenMoveTheStreamButNotTheSession() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-s503", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).fail(Fault.status(503));
		assertThat(stream(pool, "thread-s503", "x").members()).containsOnly(other);
		assertThat(simulator.member(home).requestCount()).isEqualTo(3);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void streamCutAfterSomeChunksSurfacesTheErrorCountsAgainstItsMemberAndTheNextCallMovesOnceTheBreakerOpens() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		String home = servedBy(call(pool, "thread-cut", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).fail(Fault.cutStreamAfter(2));
		for (int i = 0; i < 5; i++) {
			List<ChatResponse> received = new CopyOnWriteArrayList<>();
			assertThatThrownBy(() -> streamFlux(pool, "thread-cut", "a long answer please")
				.doOnNext(received::add)
				.blockLast(TIMEOUT)).isNotNull();
			assertThat(received).as("chunks before the cut, all from one member").isNotEmpty()
				.allSatisfy((response) -> assertThat(servedBy(response)).isEqualTo(home));
			assertThat(simulator.member(other).requestCount()).as("never switched mid-answer").isZero();
		}
		PoolMember failed = pool.getMember(home).orElseThrow();
		assertThat(failed.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(5);
		assertThat(failed.state()).isEqualTo(MemberState.OPEN);
		assertThat(stream(pool, "thread-cut", "next").members()).containsExactly(other);
	}

	@Test
	void quotaErrorAfterTheFirstChunkIsNeverSplicedButMovesTheSessionForItsNextCall() {
		OpenAiChatModel real = ProviderModels.openAi(simulator.get(), "a", "gpt-a");
		ChatModel quotaAfterOutput = new ChatModel() {

			@Override
			public ChatResponse call(Prompt prompt) {
				return real.call(prompt);
			}

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				// A decorator that fails after the provider already answered, as an advisor might.
				return real.stream(prompt)
					.concatWith(Flux.error(new NonTransientAiException("HTTP 429 - {\"error\":\"late\"}")));
			}

		};
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("a", 1, MemberRole.MEMBER, quotaAfterOutput, null)
			.member("b", 1, MemberRole.FAILOVER_ONLY, ProviderModels.openAi(simulator.get(), "b", "gpt-b"), null)
			.build();
		List<ChatResponse> received = new CopyOnWriteArrayList<>();
		StepVerifier.create(streamFlux(pool, "thread-late-quota", "answer then fail").doOnNext(received::add))
			.thenConsumeWhile((response) -> true)
			.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("HTTP 429"))
			.verify(TIMEOUT);
		assertThat(Answer.of(received).members()).containsExactly("a");
		assertThat(simulator.member("b").requestCount()).as("nothing spliced from another member").isZero();
		assertThat(servedBy(call(pool, "thread-late-quota", "next call"))).isEqualTo("b");
	}

	@Test
	void cancellingAStreamAfterTheFirstChunkCountsNothingAndReleasesAHalfOpenProbe() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").build();
		simulator.member("a").chunkDelay(Duration.ofMillis(50));
		PoolMember member = pool.getMembers().get(0);
		member.circuitBreaker().transitionToOpenState();
		member.circuitBreaker().transitionToHalfOpenState();
		List<ChatResponse> first = streamFlux(pool, "thread-cancel", "a long answer please").take(1)
			.collectList()
			.block(TIMEOUT);
		assertThat(first).hasSize(1);
		assertThat(member.state()).isEqualTo(MemberState.HALF_OPEN);
		assertThat(member.failedCalls()).isZero();
		assertThat(member.succeededCalls()).isZero();
		assertThat(member.gate().tryAcquire()).as("the probe was given back").isTrue();
		member.gate().released();
		assertThat(stream(pool, "thread-cancel", "again").members()).containsExactly("a");
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
	}

	@Test
	void completionResetsTheSwitchBudget() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(null)
					.maxSwitchesPerSession(1)
					.build()));
		String home = servedBy(call(pool, "thread-sb", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).failNext(Fault.status(429));
		assertThat(stream(pool, "thread-sb", "switch").members()).containsExactly(other);
		simulator.member(other).failNext(Fault.status(429));
		assertThat(stream(pool, "thread-sb", "switch back after a completed stream").members())
			.containsExactly(home);
	}

	@Test
	void streamRecoveryObeysTheSwitchBudgetWhenTheBreakerIsOpen() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a")
			.openAi("b")
			.build((builder) -> builder.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(null)
					.maxSwitchesPerSession(0)
					.build()));
		String home = servedBy(call(pool, "thread-no-budget", "first"));
		pool.getMember(home).orElseThrow().circuitBreaker().transitionToOpenState();
		StepVerifier.create(streamFlux(pool, "thread-no-budget", "x"))
			.expectError(ModelPoolUnavailableException.class)
			.verify(TIMEOUT);
		simulator.member(home).failNext(Fault.status(429));
		pool.getMember(home).orElseThrow().reset();
		StepVerifier.create(streamFlux(pool, "thread-no-budget", "y"))
			.expectErrorSatisfies((error) -> ProviderErrors.assertStreamError(error, 429))
			.verify(TIMEOUT);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void streamOpenErrorsExhaustThePoolLikeBlockingCalls() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").anthropic("b").build();
		simulator.member("a").fail(Fault.status(429));
		simulator.member("b").fail(Fault.status(401));
		StepVerifier.create(streamFlux(pool, "thread-sx", "x"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ModelPoolExhaustedException.class)
				.hasMessageContaining("assistant"))
			.verify(TIMEOUT);
		pool.getMembers().forEach((member) -> member.circuitBreaker().transitionToForcedOpenState());
		StepVerifier.create(streamFlux(pool, "thread-sx", "x"))
			.expectError(ModelPoolUnavailableException.class)
			.verify(TIMEOUT);
	}

	@Test
	void lateCompletionOfAStreamFromAMemberTheSessionLeftChangesNothing() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-late", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).chunkDelay(Duration.ofMillis(100));
		List<String> lateMembers = new CopyOnWriteArrayList<>();
		Flux<ChatResponse> slow = streamFlux(pool, "thread-late", "a slow and long answer")
			.doOnNext((response) -> lateMembers.add(servedBy(response)));
		var subscription = slow.subscribe();
		await().atMost(TIMEOUT).until(() -> !lateMembers.isEmpty());
		simulator.member(home).failNext(Fault.status(429));
		assertThat(servedBy(call(pool, "thread-late", "moves the session"))).isEqualTo(other);
		await().atMost(TIMEOUT).until(subscription::isDisposed);
		assertThat(lateMembers).containsOnly(home);
		assertThat(servedBy(call(pool, "thread-late", "after the late completion"))).isEqualTo(other);
		assertThat(pool.getMember(other).orElseThrow().failedCalls()).isZero();
	}

	@Test
	void lateErrorOfAStreamIsBlamedOnItsOwnMemberNotTheSessionsNewOne() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = servedBy(call(pool, "thread-late-error", "first"));
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).chunkDelay(Duration.ofMillis(100)).failNext(Fault.cutStreamAfter(4));
		List<String> received = new CopyOnWriteArrayList<>();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		streamFlux(pool, "thread-late-error", "a slow answer that breaks").subscribe(
				(response) -> received.add(servedBy(response)), errors::add);
		await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		simulator.member(home).failNext(Fault.status(429));
		assertThat(servedBy(call(pool, "thread-late-error", "moves the session"))).isEqualTo(other);
		await().atMost(TIMEOUT).until(() -> !errors.isEmpty());
		assertThat(pool.getMember(other).orElseThrow().failedCalls()).isZero();
		assertThat(pool.getMember(home).orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.as("the quota failure and the cut stream").isEqualTo(2);
		assertThat(servedBy(call(pool, "thread-late-error", "still on the new member"))).isEqualTo(other);
	}

	@Test
	void routingKeySurvivesThreadHopsInTheReactorContext() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").openAi("c").build();
		String home = servedBy(call(pool, "thread-hop", "first"));
		for (int i = 0; i < 5; i++) {
			List<String> members = Flux.just(i)
				.publishOn(Schedulers.boundedElastic())
				.flatMap((n) -> pool.stream(new Prompt("hop " + n)))
				.publishOn(Schedulers.parallel())
				.map(ModelPoolCallTests::servedBy)
				.distinct()
				.contextWrite(ModelPoolContext.conversation("thread-hop"))
				.collectList()
				.block(TIMEOUT);
			assertThat(members).containsExactly(home);
		}
	}

	@Test
	void directStreamCallsSetUpOnAThreadWithAConversationUseIt() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").openAi("c").build();
		String home = servedBy(call(pool, "thread-assembled", "first"));
		Flux<ChatResponse> flux = ModelPoolContext.withConversation("thread-assembled",
				() -> pool.stream(new Prompt("assembled here")));
		assertThat(flux.publishOn(Schedulers.boundedElastic()).map(ModelPoolCallTests::servedBy).distinct()
			.collectList()
			.block(TIMEOUT)).containsExactly(home);
	}

	@Test
	void manySubscribersOfOneConversationAtOnceWithTheMemberFailingAllGetWholeAnswersFromOneFailoverMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").anthropic("c").build();
		String home = servedBy(call(pool, "thread-crowd", "first"));
		simulator.member(home).fail(Fault.status(429).withDelay(Duration.ofMillis(30)));
		List<Answer> answers = Flux.range(0, 32)
			.flatMap((i) -> Flux.defer(() -> streamFlux(pool, "thread-crowd", "subscriber " + i))
				.subscribeOn(Schedulers.boundedElastic())
				.collectList()
				.map((responses) -> Answer.of(responses)), 32)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(answers).hasSize(32);
		Set<String> members = new HashSet<>();
		answers.forEach((answer) -> {
			assertThat(answer.members()).hasSize(1);
			assertThat(answer.text()).matches("\\[[abc]\\] You said: subscriber \\d+");
			members.addAll(answer.members());
		});
		assertThat(members).hasSize(1).doesNotContain(home);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@Test
	void nonSwitchingErrorsReachTheSubscriberUnchanged() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").anthropic("a").build();
		simulator.member("a").failNext(Fault.status(400));
		StepVerifier.create(streamFlux(pool, "thread-400", "x"))
			.expectErrorSatisfies((error) -> ProviderErrors.assertStreamError(error, 400))
			.verify(TIMEOUT);
		assertThat(pool.getMembers().get(0).state()).isEqualTo(MemberState.CLOSED);
		assertThat(pool.getMembers().get(0).circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void blockingErrorShapesStaySpringAiShapes() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").build();
		simulator.member("a").failNext(Fault.status(400));
		assertThatThrownBy(() -> call(pool, "thread-shape", "x"))
			.satisfies((error) -> ProviderErrors.assertBlockingError(error, 400));
	}

	private static ChatResponse call(ModelPool pool, String conversation, String text) {
		return ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt(text)));
	}

	private static Flux<ChatResponse> streamFlux(ModelPool pool, String conversation, String text) {
		return pool.stream(new Prompt(text)).contextWrite(ModelPoolContext.conversation(conversation));
	}

	private static Answer stream(ModelPool pool, String conversation, String text) {
		return Answer.of(streamFlux(pool, conversation, text).collectList().block(TIMEOUT));
	}

	/**
	 * What a subscriber received: the members that sent chunks and the joined text.
	 */
	record Answer(List<String> members, String text) {

		static Answer of(List<ChatResponse> responses) {
			List<String> members = new ArrayList<>();
			StringBuilder text = new StringBuilder();
			for (ChatResponse response : responses) {
				String member = servedBy(response);
				if (!members.contains(member)) {
					members.add(member);
				}
				if (response.getResult() != null && response.getResult().getOutput().getText() != null) {
					text.append(response.getResult().getOutput().getText());
				}
			}
			return new Answer(members, text.toString());
		}

	}

}
