package io.github.modelpool.pool;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.member.MemberPrompts;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A group of member chat models that behaves like one {@link ChatModel}. Each
 * conversation sticks to a member (so the provider's prompt cache stays warm) and moves
 * only when it must: the member's breaker is open, the provider signals quota or
 * overload, or the member is permanently broken. One call is rescued more readily: a
 * transient failure is retried on the same member and then moves the call (not the
 * session), a short Retry-After is waited out, a context-length error moves the call to a
 * larger model, and a broken stream may be continued by a member that accepts prefill.
 * <p>
 * Routing keys come from {@link ModelPoolContext}: the calling thread for
 * {@link #call(Prompt)}, the Reactor context (else the assembling thread) for
 * {@link #stream(Prompt)}.
 */
public final class ModelPool extends Pool implements ChatModel {

	/** Key of the serving member's id in every response's metadata. */
	public static final String MEMBER_METADATA_KEY = "model-pool-member";

	/** Key of the model the serving member used, in every response's metadata. */
	public static final String MODEL_METADATA_KEY = "model-pool-model";

	/** Key of the number of member tries the call took, retries included, in every response's metadata. */
	public static final String ATTEMPTS_METADATA_KEY = "model-pool-attempts";

	/**
	 * Key of the members that produced the answer, in order, in every response's metadata:
	 * one member, or several when a broken stream was continued.
	 */
	public static final String MEMBERS_METADATA_KEY = "model-pool-members";

	private static final ModelPoolObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultModelPoolObservationConvention();

	private final MemberStreams memberStreams;

	private final ChatCalls chatCalls = new ChatCalls();

	private ModelPool(Builder builder) {
		super(builder, ModelType.CHAT);
		this.memberStreams = new MemberStreams(getId(), dispatcher(), getStateStore().mayBlock());
	}

	/**
	 * Start building a pool.
	 * @param id pool id
	 * @return the builder
	 */
	public static Builder builder(String id) {
		return new Builder(id);
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		requirePrompt(prompt);
		if (observationRegistry().isNoop()) {
			// Nobody observes: no observation context to fill.
			return callMembers(prompt, null);
		}
		return observed(new ModelPoolObservationContext(getId(), CallMode.CALL), DEFAULT_OBSERVATION_CONVENTION,
				(context) -> callMembers(prompt, context));
	}

	/**
	 * The call's tries, member after member.
	 * @param context the observation's context, {@code null} when nobody observes
	 */
	private ChatResponse callMembers(Prompt prompt, ModelPoolObservationContext context) {
		return callMembers(dispatcher().begin(ModelPoolContext.current(), CallMode.CALL, prompt), prompt,
				this.chatCalls, context);
	}

	/**
	 * What a blocking call asks a member and does with its answer.
	 */
	private final class ChatCalls implements MemberAsk<Prompt, ChatResponse> {

		@Override
		public ChatResponse ask(MemberTry memberTry, Prompt prompt) {
			return memberCalls().call(memberTry, prompt);
		}

		@Override
		public boolean isEmpty(ChatResponse response) {
			return response == null || response.getResult() == null;
		}

		@Override
		public ChatResponse answered(MemberTry memberTry, ChatResponse response,
				ModelPoolObservationContext context) {
			TokenCounts tokens = AnswerTokens.of(response);
			dispatcher().succeeded(memberTry, tokens, AnswerLimits.of(response));
			if (context != null) {
				context.setTokens(tokens);
			}
			return Answers.servedBy(response, memberTry, alone(memberTry.index()));
		}

	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		requirePrompt(prompt);
		RoutingKeys assembled = ModelPoolContext.current();
		return Flux.deferContextual((reactorContext) -> {
			RoutingKeys keys = ModelPoolContext.from(reactorContext).orElse(assembled);
			ModelPoolObservationContext context = new ModelPoolObservationContext(getId(), CallMode.STREAM);
			Observation observation = observation(context)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// Stopped before the terminal signal travels on, so subscribers see a finished observation.
			Flux<ChatResponse> answer = Flux.defer(() -> this.memberStreams
				.stream(dispatcher().begin(keys, CallMode.STREAM, prompt), prompt, context));
			return offNonBlockingThread(answer)
				.doOnComplete(() -> {
					context.setOutcome(CallOutcome.SUCCESS.tag());
					observation.stop();
				})
				.doOnError((error) -> {
					context.setOutcome(dispatcher().outcomeOf(error));
					observation.error(error);
					observation.stop();
				})
				.doOnCancel(() -> {
					context.setOutcome(CallOutcome.CANCELLED.tag());
					observation.stop();
				})
				.contextWrite((downstream) -> downstream.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * The flux subscribed on a thread that may block when the state store may block (a
	 * session's shared pin is read before the stream opens) and the subscriber's thread
	 * must not, such as an event loop.
	 */
	private <T> Flux<T> offNonBlockingThread(Flux<T> flux) {
		return Flux.defer(() -> (getStateStore().mayBlock() && Schedulers.isInNonBlockingThread())
				? flux.subscribeOn(Schedulers.boundedElastic()) : flux);
	}

	private static void requirePrompt(Prompt prompt) {
		if (prompt == null) {
			throw new IllegalArgumentException("prompt must not be null");
		}
	}

	private Observation observation(ModelPoolObservationContext context) {
		return observation(context, DEFAULT_OBSERVATION_CONVENTION);
	}

	/**
	 * Neutral options: no model (each member keeps its own), no provider-specific
	 * settings.
	 * @return empty tool-calling options
	 */
	@Override
	public ChatOptions getDefaultOptions() {
		return MemberPrompts.forClasspath().poolDefaults();
	}

	/**
	 * Portable options with tool calling support, the pool's defaults on Spring AI 2.0,
	 * where this method replaces {@link #getDefaultOptions()}.
	 * @return the pool's default options
	 */
	public ChatOptions getOptions() {
		return getDefaultOptions();
	}

	/**
	 * Builds a {@link ModelPool}.
	 */
	public static final class Builder extends Pool.Builder<Builder> {

		private Builder(String id) {
			super(id);
		}

		public ModelPool build() {
			complete();
			return new ModelPool(this);
		}

	}

}
