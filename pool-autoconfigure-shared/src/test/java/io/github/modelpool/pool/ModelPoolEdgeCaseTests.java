package io.github.modelpool.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.failure.EmptyAnswerException;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Only the provider's failures count against a member; every member try ends exactly
 * once, whatever a member does.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelPoolEdgeCaseTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void nullPromptIsRejectedClearlyAndNeverCountsAgainstAMember() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").build();
		for (int i = 0; i < 10; i++) {
			assertThatIllegalArgumentException().isThrownBy(() -> pool.call((Prompt) null))
				.withMessage("prompt must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> pool.stream((Prompt) null));
		}
		assertThat(failedCalls(pool, "a")).isZero();
		assertThat(simulator.member("a").requestCount()).isZero();
	}

	@Test
	void aCallersMistakeReachesTheCallerUnchangedAndNeverCountsOrSwitches() {
		IllegalArgumentException mistake = new IllegalArgumentException("Bean property 'topK' is not writable");
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("a", 1, MemberRole.MEMBER, new Answering(() -> {
				throw mistake;
			}), null)
			.openAi("b")
			.build();
		for (int i = 0; i < 12; i++) {
			Throwable thrown = catchCall(pool, "thread-a");
			if (thrown != null) {
				assertThat(thrown).isSameAs(mistake);
			}
		}
		assertThat(failedCalls(pool, "a")).isZero();
		assertThat(pool.getMember("a").orElseThrow().state()).isEqualTo(MemberState.CLOSED);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void aPortableOptionTheProviderCannotTakeNeverOpensABreaker() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		for (int i = 0; i < 12; i++) {
			String conversation = "topk-" + i;
			try {
				ModelPoolContext.withConversation(conversation,
						() -> pool.call(new Prompt("hi", ChatOptions.builder().topK(5).build())));
			}
			catch (RuntimeException ex) {
				assertThat(ex).isNotInstanceOf(ModelPoolException.class);
			}
		}
		assertThat(pool.getMembers()).allSatisfy((member) -> {
			assertThat(member.state()).isEqualTo(MemberState.CLOSED);
			assertThat(member.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		});
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void anEmptyAnswerIsAFailedAnswerNotASuccess() {
		for (ChatResponse empty : new ChatResponse[] { null, new ChatResponse(List.of()) }) {
			ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
				.member("a", 1, MemberRole.MEMBER, new Answering(() -> empty), null)
				.build();
			assertThatThrownBy(() -> ModelPoolContext.withConversation("t", () -> pool.call(new Prompt("hi"))))
				.isInstanceOf(EmptyAnswerException.class)
				.hasMessageContaining("'a'");
			assertThat(failedCalls(pool, "a")).as("a try and one retry").isEqualTo(2);
		}
	}

	@Test
	void aStreamCompletingWithoutAnyElementIsAFailedAnswer() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("a", 1, MemberRole.MEMBER, new Answering(() -> null, Flux::empty), null)
			.build();
		StepVerifier.create(pool.stream(new Prompt("hi")).contextWrite(ModelPoolContext.conversation("t")))
			.expectError(EmptyAnswerException.class)
			.verify(TIMEOUT);
		assertThat(failedCalls(pool, "a")).as("a try and one retry").isEqualTo(2);
	}

	@Test
	void anErrorWhileAssemblingAStreamEndsTheTryAndGivesBackTheHalfOpenProbe() {
		StackOverflowError overflow = new StackOverflowError();
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("a", 1, MemberRole.MEMBER, new Answering(() -> null, () -> {
				throw overflow;
			}), null)
			.build();
		CircuitBreaker breaker = pool.getMember("a").orElseThrow().circuitBreaker();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		for (int i = 0; i < 3; i++) {
			// Reactor throws JVM-fatal errors up the stack rather than signalling them.
			Throwable thrown = catchThrowable(() -> pool.stream(new Prompt("hi"))
				.contextWrite(ModelPoolContext.conversation("t"))
				.blockLast(TIMEOUT));
			assertThat(thrown).isSameAs(overflow);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		assertThat(breaker.tryAcquirePermission()).as("the probe was given back").isTrue();
	}

	@Test
	void anErrorSignalledByAMemberStreamReachesTheSubscriberAsItIs() {
		AssertionError error = new AssertionError("broken member");
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("a", 1, MemberRole.MEMBER, new Answering(() -> null, () -> Flux.error(error)), null)
			.build();
		StepVerifier.create(pool.stream(new Prompt("hi")).contextWrite(ModelPoolContext.conversation("t")))
			.expectErrorSatisfies((signalled) -> assertThat(signalled).isSameAs(error))
			.verify(TIMEOUT);
		assertThat(failedCalls(pool, "a")).isZero();
		assertThat(pool.getMember("a").orElseThrow().circuitBreaker().tryAcquirePermission()).isTrue();
	}

	@Test
	void unavailablePoolNamesEveryMemberAndWhyItRefused() {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").anthropic("c").build();
		pool.getMember("a").orElseThrow().isolate();
		pool.getMember("b").orElseThrow().isolate();
		pool.getMember("c").orElseThrow().quarantine(null);
		assertThatThrownBy(() -> ModelPoolContext.withConversation("t", () -> pool.call(new Prompt("hi"))))
			.isInstanceOf(ModelPoolUnavailableException.class)
			.hasMessageContaining("a: not permitted (FORCED_OPEN)")
			.hasMessageContaining("b: not permitted (FORCED_OPEN)")
			.hasMessageContaining("c: QUARANTINED")
			.satisfies((error) -> assertThat(error.getSuppressed()).hasSize(3)
				.allSatisfy((refusal) -> assertThat(refusal).isInstanceOf(MemberUnavailableException.class)));
	}

	@Test
	void quarantineHoldsTheBreakerForcedOpenUntilItEndsAndTheNextCallComesOrItIsReset() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b");
		ModelPool pool = fixture.build();
		PoolMember member = pool.getMember("a").orElseThrow();
		member.quarantine(Duration.ofMinutes(1));
		assertThat(member.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
		assertThat(member.state()).isEqualTo(MemberState.QUARANTINED);
		fixture.time().advance(Duration.ofSeconds(61));
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		assertThat(member.isAvailable()).isTrue();
		assertThat(member.quarantinedUntil()).isNull();
		assertThat(member.circuitBreaker().getState()).as("reading changes nothing")
			.isEqualTo(CircuitBreaker.State.FORCED_OPEN);
		assertThat(member.gate().tryAcquire()).as("the next admission releases the breaker").isTrue();
		member.gate().released();
		assertThat(member.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		member.quarantine(null);
		assertThat(member.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
		member.reset();
		assertThat(member.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anOpenBreakerTellsWhenItAdmitsItsProbe() {
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a");
		PoolMember member = fixture.build().getMember("a").orElseThrow();
		assertThat(member.halfOpenAt()).isNull();
		Instant opened = fixture.time().instant();
		for (int i = 0; i < 100 && member.circuitBreaker().getState() != CircuitBreaker.State.OPEN; i++) {
			assertThat(member.gate().tryAcquire()).isTrue();
			member.gate().failed(Failure.of(FailureKind.TRANSIENT), new IllegalStateException("down"), 1);
		}
		assertThat(member.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(member.halfOpenAt()).isEqualTo(opened.plusSeconds(10));
		member.reset();
		assertThat(member.halfOpenAt()).isNull();
	}

	@Test
	void everySwitchIsLoggedOnOneLine(CapturedOutput output) {
		ModelPool pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("a").openAi("b").build();
		String home = ModelPoolContext.withConversation("thread-log", () -> pool.call(new Prompt("hi")))
			.getMetadata()
			.get(ModelPool.MEMBER_METADATA_KEY);
		String other = home.equals("a") ? "b" : "a";
		simulator.member(home).failNext(Fault.status(429));
		ModelPoolContext.withConversation("thread-log", () -> pool.call(new Prompt("again")));
		assertThat(output).contains("Model pool 'assistant': moved a session from member '" + home + "' to '" + other
				+ "' (quota)");
	}

	private static Throwable catchCall(ModelPool pool, String conversation) {
		try {
			ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("hi")));
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static int failedCalls(ModelPool pool, String member) {
		return pool.getMember(member).orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls();
	}

	/**
	 * A member that answers whatever the test says, without a provider behind it.
	 */
	private record Answering(java.util.function.Supplier<ChatResponse> call,
			java.util.function.Supplier<Flux<ChatResponse>> stream) implements ChatModel {

		Answering(java.util.function.Supplier<ChatResponse> call) {
			this(call, () -> Flux.just(new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))))));
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			return this.call.get();
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			return this.stream.get();
		}

	}

}
