package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.failure.DefaultFailureClassifier;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every provider's real Spring AI model does in a pool, talking HTTP to the
 * simulator in the provider's own protocol, blocking and streamed: a rate limit moves the
 * conversation without retrying the member (and a short wait the provider asks for is
 * waited out in place), a rejected key quarantines the member, a server error is retried
 * then moves the call, a caller's mistake reaches the caller and blames nobody, a prompt
 * too long moves the call to the larger window, a stream cut after its first chunk is
 * never spliced. A provider's test class says how its model is built and how its
 * provider words each failure.
 */
abstract class ProviderFailoverContract {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier();

	/**
	 * The simulator of the test class, registered by it as a static extension.
	 */
	abstract SimulatorExtension simulator();

	/**
	 * The provider's real Spring AI model, with no retries of its own, talking to a
	 * simulated account.
	 * @param simulator the simulator
	 * @param account the simulated account (member id of the simulator)
	 */
	abstract ChatModel model(ProviderSimulator simulator, String account);

	/**
	 * Simulated accounts of this provider are named {@code <prefix>-a} and
	 * {@code <prefix>-b}.
	 */
	abstract String accountPrefix();

	/** How the provider rejects a bad key. */
	abstract Fault badKey();

	/** A mistake of the caller's, in the provider's words. */
	Fault callersMistake() {
		return Fault.status(400);
	}

	/** The exception type a caller's mistake reaches the caller as, somewhere in its chain. */
	abstract Class<? extends Throwable> callersMistakeType();

	/**
	 * The exception chain a rate limit reaches a caller of the model as, outermost first:
	 * the shape the provider's real client throws, recorded so a change of it shows.
	 * @param mode blocking or streamed
	 * @return the chain's types
	 */
	abstract List<Class<? extends Throwable>> rateLimitShape(Mode mode);

	/**
	 * Whether the provider says how long to wait when it limits a rate.
	 * @return {@code false} for a provider that never does (Bedrock)
	 */
	boolean saysHowLongToWait() {
		return true;
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void rateLimitMovesTheConversationWithoutRetryingTheMember(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(Fault.status(429));
		assertThat(mode.answer(pool, "t")).isEqualTo(b());
		assertThat(simulator().member(a()).requestCount()).isEqualTo(1);
		assertThat(mode.answer(pool, "t")).as("the conversation lives on b now").isEqualTo(b());
		assertThat(simulator().member(a()).requestCount()).isEqualTo(1);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aShortWaitTheProviderAsksForIsWaitedOutOnTheSameMember(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).failNext(Fault.status(429).withRetryAfter("1"));
		if (!saysHowLongToWait()) {
			assertThat(mode.answer(pool, "t")).as("no wait asked for: the conversation moves").isEqualTo(b());
			return;
		}
		assertThat(mode.answer(pool, "t")).isEqualTo(a());
		assertThat(simulator().member(a()).requestCount()).isEqualTo(2);
		assertThat(simulator().member(b()).requestCount()).isZero();
		assertThat(pool.snapshot().switches()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void theWaitTheProviderAsksForIsRead(Mode mode) {
		ChatModel model = model(simulator().get(), a());
		simulator().member(a()).failNext(Fault.status(429).withRetryAfter("7"));
		Throwable error = catchThrowable(() -> mode.callDirectly(model));
		assertThat(this.classifier.classify(error)).isEqualTo(
				new Failure(FailureKind.QUOTA, 429, saysHowLongToWait() ? Duration.ofSeconds(7) : null));
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aRateLimitReachesTheCallerInTheRecordedShape(Mode mode) {
		ChatModel model = model(simulator().get(), a());
		simulator().member(a()).failNext(Fault.status(429));
		Throwable error = catchThrowable(() -> mode.callDirectly(model));
		assertThat(causes(error)).extracting(Object::getClass).containsExactlyElementsOf(rateLimitShape(mode));
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aRejectedKeyQuarantinesTheMember(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(badKey());
		assertThat(mode.answer(pool, "t")).isEqualTo(b());
		assertThat(pool.getMember("a").orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(mode.answer(pool, "other")).as("no conversation goes to a").isEqualTo(b());
		assertThat(simulator().member(a()).requestCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aMissingModelOrDeploymentIsPermanent(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(Fault.status(404));
		assertThat(mode.answer(pool, "t")).isEqualTo(b());
		assertThat(pool.getMember("a").orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aServerErrorIsRetriedThenTheCallMovesButNotTheConversation(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(Fault.status(500));
		assertThat(mode.answer(pool, "t")).isEqualTo(b());
		assertThat(simulator().member(a()).requestCount()).as("a try and one retry").isEqualTo(2);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aCallersMistakeReachesTheCallerAndBlamesNoMember(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(callersMistake());
		Throwable thrown = catchThrowable(() -> mode.answer(pool, "t"));
		assertThat(thrown).isNotNull();
		assertThat(causes(thrown)).as("%s", thrown).anyMatch(callersMistakeType()::isInstance);
		assertThat(simulator().member(a()).requestCount()).isEqualTo(1);
		assertThat(simulator().member(b()).requestCount()).isZero();
		assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aPromptTooLongMovesTheCallToTheLargerWindow(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(Fault.contextLengthExceeded());
		assertThat(mode.answer(pool, "t")).isEqualTo(b());
		assertThat(simulator().member(a()).requestCount()).isEqualTo(1);
		assertThat(pool.snapshot().switches()).isZero();
	}

	@Test
	void aStreamCutAfterItsFirstChunkIsNeverSplicedAndCountsAgainstItsMember() {
		ModelPool pool = pool();
		// Chunks spaced out, and enough of them: some models read a chunk or two ahead of
		// what they emit (a cut before that fails the stream before any output, and the
		// pool rescues it whole).
		simulator().member(a()).chunkDelay(Duration.ofMillis(50)).fail(Fault.cutStreamAfter(4));
		List<ChatResponse> received = new CopyOnWriteArrayList<>();
		assertThatThrownBy(() -> pool.stream(new Prompt("a long answer please"))
			.contextWrite(ModelPoolContext.conversation("t"))
			.doOnNext(received::add)
			.blockLast(TIMEOUT)).isNotNull();
		assertThat(received).isNotEmpty()
			.allSatisfy((response) -> assertThat(response.getMetadata().<String>get(ModelPool.MEMBER_METADATA_KEY))
				.isEqualTo("a"));
		assertThat(simulator().member(b()).requestCount()).isZero();
		assertThat(pool.getMember("a").orElseThrow().circuitBreaker().getMetrics().getNumberOfFailedCalls())
			.isEqualTo(1);
	}

	final String a() {
		return accountPrefix() + "-a";
	}

	final String b() {
		return accountPrefix() + "-b";
	}

	/**
	 * Members {@code a} (home of every conversation, 8,000 tokens) and {@code b} (200,000
	 * tokens), each the provider's model on its own simulated account.
	 */
	final ModelPool pool() {
		return new PoolFixture(new SimulatedModels(simulator().get()), "assistant")
			.member(new RouteMember("a", 1, MemberRole.MEMBER, 8_000, Continuation.NONE), model(simulator().get(), a()))
			.member(new RouteMember("b", 1, MemberRole.MEMBER, 200_000, Continuation.NONE), model(simulator().get(), b()))
			.build((builder) -> builder.routing(new RoutingPolicy(HomeStrategy.FIRST_HEALTHY, StickyScope.THREAD, 100,
					Duration.ofHours(1), null)));
	}

	private static List<Throwable> causes(Throwable error) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = error; cause != null && chain.size() < 32; cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	/**
	 * A blocking call or a stream, answering the simulated account that wrote the answer.
	 */
	enum Mode {

		CALL {

			@Override
			String answer(ModelPool pool, String conversation) {
				return writerOf(textOf(
						ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("hi")))));
			}

			@Override
			void callDirectly(ChatModel model) {
				model.call(new Prompt("hi"));
			}

		},

		STREAM {

			@Override
			String answer(ModelPool pool, String conversation) {
				List<ChatResponse> chunks = pool.stream(new Prompt("hi"))
					.contextWrite(ModelPoolContext.conversation(conversation))
					.collectList()
					.block(TIMEOUT);
				StringBuilder text = new StringBuilder();
				chunks.forEach((chunk) -> text.append(textOf(chunk)));
				return writerOf(text.toString());
			}

			@Override
			void callDirectly(ChatModel model) {
				model.stream(new Prompt("hi")).blockLast(TIMEOUT);
			}

		};

		abstract String answer(ModelPool pool, String conversation);

		abstract void callDirectly(ChatModel model);

		private static String textOf(ChatResponse response) {
			return (response.getResult() != null && response.getResult().getOutput().getText() != null)
					? response.getResult().getOutput().getText() : "";
		}

		/** The simulated account named by the echo, {@code [gemini-a] You said: hi}. */
		private static String writerOf(String text) {
			assertThat(text).startsWith("[");
			return text.substring(1, text.indexOf(']'));
		}

	}

}
