package io.github.modelpool.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.failure.DefaultFailureClassifier;
import io.github.modelpool.failure.EmptyAnswerException;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.member.MemberPrompts;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.Router;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.session.SessionState;
import io.github.modelpool.session.SessionSharing;
import io.github.modelpool.session.SessionTable;
import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.StateStore;

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
public final class ModelPool implements ChatModel {

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

	private final String id;

	private final List<PoolMember> members;

	// Per member, the members list of an answer it gave alone: made once, not per call.
	private final List<List<String>> aloneLists;

	private final RoutingPolicy routing;

	private final SwitchPolicy switching;

	private final RetryPolicy retry;

	private final TimeoutPolicy timeouts;

	private final SessionTable sessions;

	private final StateStore stateStore;

	private final Dispatcher dispatcher;

	private final MemberCalls memberCalls;

	private final Executor givenCallExecutor;

	private final Object lifecycle = new Object();

	/** The pool's own call workers, when the builder was given none. */
	private volatile ExecutorService ownCallExecutor;

	private HoldSubscription holdSubscription;

	/** Exchanges the accounts' use with other instances while started, when the store counts it. */
	private ScheduledExecutorService usageExchange;

	private final MemberStreams memberStreams;

	private final ObservationRegistry observationRegistry;

	private final ModelPoolObservationConvention observationConvention;

	private ModelPool(Builder builder) {
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.id = builder.id;
		this.members = List.copyOf(builder.members);
		this.aloneLists = this.members.stream().map((member) -> List.of(member.id())).toList();
		this.routing = builder.routing;
		this.switching = builder.switching;
		this.retry = builder.retry;
		this.timeouts = builder.timeouts;
		this.stateStore = builder.stateStore;
		List<String> memberIds = this.members.stream().map(PoolMember::id).toList();
		this.sessions = new SessionTable(this.routing.maxSessions(), this.routing.sessionIdleTimeout(),
				builder.ticker, new SessionSharing(this.stateStore, this.id, memberIds, builder.clock,
						this.routing.sessionIdleTimeout()));
		publishHolds(builder.clock);
		Router router = new Router(this.members.stream().map(PoolMember::route).toList(), this.routing.home());
		this.dispatcher = new Dispatcher(this.id, this.members, router,
				new PoolPolicies(this.routing, this.switching, this.retry, this.timeouts), this.sessions,
				builder.classifier, builder.listener);
		this.givenCallExecutor = builder.callExecutor;
		this.ownCallExecutor = (builder.callExecutor != null) ? null : newOwnCallExecutor();
		this.memberCalls = new MemberCalls(this.id, this.dispatcher, this.observationRegistry, this::callExecutor);
		this.memberStreams = new MemberStreams(this.id, this.dispatcher, this.stateStore.mayBlock());
	}

	/**
	 * Members tell the holds placed here to the other instances.
	 */
	private void publishHolds(Clock clock) {
		String instance = this.stateStore.instanceId();
		for (PoolMember member : this.members) {
			member.gate().publishHoldsTo((held, kind, until) -> this.stateStore
				.publish(new MemberHold(this.id, held.id(), kind, until, instance, clock.instant())));
		}
	}

	/**
	 * Start hearing the holds other instances place on this pool's members (through a
	 * shared state store), and, when the store counts accounts' use across instances,
	 * exchanging it every {@link StateStore#usageExchangeInterval() interval}. A pool
	 * answers calls as soon as it is built; starting adds what the other instances decide.
	 * Starting a started pool does nothing.
	 */
	public void start() {
		synchronized (this.lifecycle) {
			if (this.holdSubscription != null) {
				return;
			}
			if (this.ownCallExecutor != null && this.ownCallExecutor.isShutdown()) {
				this.ownCallExecutor = newOwnCallExecutor();
			}
			this.holdSubscription = this.stateStore.subscribe(this.id,
					(hold) -> getMember(hold.member()).ifPresent((member) -> member.gate().apply(hold)));
			Duration interval = this.stateStore.usageExchangeInterval();
			if (interval != null) {
				this.usageExchange = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "model-pool-" + this.id + "-usage");
					thread.setDaemon(true);
					return thread;
				});
				this.usageExchange.scheduleWithFixedDelay(new UsageExchange(this.stateStore, this.members),
						interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
	}

	/**
	 * Stop hearing other instances' holds and exchanging use, and end the pool's own call
	 * workers once their calls end (an executor given to the builder is its owner's to
	 * stop). Blocking calls
	 * limited by {@code timeouts.call} are refused afterwards
	 * ({@link ModelPoolRejectedException}); others still run. Stopping a stopped pool does
	 * nothing.
	 */
	public void stop() {
		synchronized (this.lifecycle) {
			if (this.holdSubscription != null) {
				this.holdSubscription.close();
				this.holdSubscription = null;
			}
			if (this.usageExchange != null) {
				this.usageExchange.shutdownNow();
				this.usageExchange = null;
			}
			if (this.ownCallExecutor != null) {
				this.ownCallExecutor.shutdown();
			}
		}
	}

	/**
	 * Whether the pool hears other instances' holds.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		synchronized (this.lifecycle) {
			return this.holdSubscription != null;
		}
	}

	private Executor callExecutor() {
		return (this.givenCallExecutor != null) ? this.givenCallExecutor : this.ownCallExecutor;
	}

	private ExecutorService newOwnCallExecutor() {
		return CallExecutors.bounded("model-pool-" + this.id + "-call", CallExecutors.DEFAULT_MAX_THREADS,
				CallExecutors.DEFAULT_QUEUE_CAPACITY);
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
		if (this.observationRegistry.isNoop()) {
			// Nobody observes: no observation context to fill.
			return callMembers(prompt, null);
		}
		ModelPoolObservationContext context = new ModelPoolObservationContext(this.id, CallMode.CALL);
		Observation observation = observation(context).start();
		try (Observation.Scope scope = observation.openScope()) {
			ChatResponse response = callMembers(prompt, context);
			context.setOutcome(CallOutcome.SUCCESS.tag());
			return response;
		}
		catch (RuntimeException ex) {
			context.setOutcome(this.dispatcher.outcomeOf(ex));
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The call's tries, member after member.
	 * @param context the observation's context, {@code null} when nobody observes
	 */
	private ChatResponse callMembers(Prompt prompt, ModelPoolObservationContext context) {
		MemberTry memberTry = this.memberCalls
			.admitted(this.dispatcher.begin(ModelPoolContext.current(), CallMode.CALL, prompt));
		while (true) {
			PoolMember member = memberTry.member();
			if (context != null) {
				context.setMember(member.id());
			}
			ChatResponse response;
			try {
				response = this.memberCalls.call(memberTry, prompt);
			}
			catch (ModelPoolRejectedException ex) {
				this.dispatcher.cancelled(memberTry);
				throw ex;
			}
			catch (RuntimeException ex) {
				memberTry = this.memberCalls.next(this.dispatcher.failed(memberTry, ex, true));
				continue;
			}
			catch (Error error) {
				this.dispatcher.cancelled(memberTry);
				throw error;
			}
			if (response == null || response.getResult() == null) {
				memberTry = this.memberCalls
					.next(this.dispatcher.failed(memberTry, new EmptyAnswerException(this.id, member.id()), true));
				continue;
			}
			TokenCounts tokens = AnswerTokens.of(response);
			this.dispatcher.succeeded(memberTry, tokens, AnswerLimits.of(response));
			if (context != null) {
				context.setTokens(tokens);
			}
			return Answers.servedBy(response, memberTry, this.aloneLists.get(memberTry.index()));
		}
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		requirePrompt(prompt);
		RoutingKeys assembled = ModelPoolContext.current();
		return Flux.deferContextual((reactorContext) -> {
			RoutingKeys keys = ModelPoolContext.from(reactorContext).orElse(assembled);
			ModelPoolObservationContext context = new ModelPoolObservationContext(this.id, CallMode.STREAM);
			Observation observation = observation(context)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// Stopped before the terminal signal travels on, so subscribers see a finished observation.
			Flux<ChatResponse> answer = Flux.defer(() -> this.memberStreams
				.stream(this.dispatcher.begin(keys, CallMode.STREAM, prompt), prompt, context));
			return offNonBlockingThread(answer)
				.doOnComplete(() -> {
					context.setOutcome(CallOutcome.SUCCESS.tag());
					observation.stop();
				})
				.doOnError((error) -> {
					context.setOutcome(this.dispatcher.outcomeOf(error));
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
		return Flux.defer(() -> (this.stateStore.mayBlock() && Schedulers.isInNonBlockingThread())
				? flux.subscribeOn(Schedulers.boundedElastic()) : flux);
	}

	private static void requirePrompt(Prompt prompt) {
		if (prompt == null) {
			throw new IllegalArgumentException("prompt must not be null");
		}
	}

	private Observation observation(ModelPoolObservationContext context) {
		return Observation.createNotStarted(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
				this.observationRegistry);
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

	public String getId() {
		return this.id;
	}

	public List<PoolMember> getMembers() {
		return this.members;
	}

	/**
	 * A member by id.
	 * @param memberId member id
	 * @return the member, if the pool has it
	 */
	public Optional<PoolMember> getMember(String memberId) {
		return this.members.stream().filter((member) -> member.id().equals(memberId)).findFirst();
	}

	public RoutingPolicy getRouting() {
		return this.routing;
	}

	public SwitchPolicy getSwitching() {
		return this.switching;
	}

	public RetryPolicy getRetry() {
		return this.retry;
	}

	public TimeoutPolicy getTimeouts() {
		return this.timeouts;
	}

	/**
	 * Where the pool shares sessions and holds with other application instances.
	 * @return the store
	 */
	public StateStore getStateStore() {
		return this.stateStore;
	}

	/**
	 * What the pool looks like now, for operators.
	 * @return a consistent-enough snapshot (sessions are counted one by one)
	 */
	public PoolSnapshot snapshot() {
		List<SessionState> states = this.sessions.states();
		int[] active = new int[this.members.size()];
		int[] home = new int[this.members.size()];
		for (SessionState state : states) {
			active[state.active()]++;
			home[state.home()]++;
		}
		List<MemberSnapshot> memberSnapshots = new ArrayList<>();
		long now = this.sessions.nanoTime();
		for (int i = 0; i < this.members.size(); i++) {
			memberSnapshots.add(MemberSnapshot.of(this.members.get(i), this.timeouts, active[i], home[i],
					this.stateStore.instanceId(), now));
		}
		return new PoolSnapshot(this.id, this.routing, this.switching, this.retry, this.timeouts, states.size(),
				this.dispatcher.switches(),
				this.dispatcher.anonymousCalls(), memberSnapshots);
	}

	@Override
	public String toString() {
		return "ModelPool[" + this.id + "]";
	}

	/**
	 * Builds a {@link ModelPool}.
	 */
	public static final class Builder {

		private final String id;

		private final List<PoolMember> members = new ArrayList<>();

		private RoutingPolicy routing = RoutingPolicy.DEFAULTS;

		private SwitchPolicy switching = SwitchPolicy.DEFAULTS;

		private RetryPolicy retry = RetryPolicy.DEFAULTS;

		private TimeoutPolicy timeouts = TimeoutPolicy.DEFAULTS;

		private FailureClassifier classifier;

		private PoolListener listener = PoolListener.NONE;

		private Ticker ticker = Ticker.systemTicker();

		private Clock clock = Clock.systemUTC();

		private StateStore stateStore = new MemoryStateStore("local");

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private ModelPoolObservationConvention observationConvention;

		private Executor callExecutor;

		private Builder(String id) {
			this.id = Objects.requireNonNull(id, "id must not be null");
		}

		public Builder member(PoolMember member) {
			this.members.add(Objects.requireNonNull(member, "member must not be null"));
			return this;
		}

		public Builder members(List<PoolMember> members) {
			members.forEach(this::member);
			return this;
		}

		public Builder routing(RoutingPolicy routing) {
			this.routing = Objects.requireNonNull(routing, "routing must not be null");
			return this;
		}

		public Builder switching(SwitchPolicy switching) {
			this.switching = Objects.requireNonNull(switching, "switching must not be null");
			return this;
		}

		/**
		 * How members are retried within a call.
		 * @param retry the policy
		 * @return this builder
		 */
		public Builder retry(RetryPolicy retry) {
			this.retry = Objects.requireNonNull(retry, "retry must not be null");
			return this;
		}

		/**
		 * The pool's own time limits.
		 * @param timeouts the limits
		 * @return this builder
		 */
		public Builder timeouts(TimeoutPolicy timeouts) {
			this.timeouts = Objects.requireNonNull(timeouts, "timeouts must not be null");
			return this;
		}

		public Builder classifier(FailureClassifier classifier) {
			this.classifier = Objects.requireNonNull(classifier, "classifier must not be null");
			return this;
		}

		public Builder listener(PoolListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		/**
		 * Time source for sessions and call durations, in nanoseconds.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
			return this;
		}

		/**
		 * Wall clock for reading HTTP-date Retry-After values with the default classifier,
		 * and for the times shared with other instances.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Store of the state shared with other application instances: sessions' pins and
		 * members' holds. Defaults to a {@link MemoryStateStore}, which shares nothing.
		 * @param stateStore the store
		 * @return this builder
		 */
		public Builder stateStore(StateStore stateStore) {
			this.stateStore = Objects.requireNonNull(stateStore, "stateStore must not be null");
			return this;
		}

		/**
		 * Registry for the {@code model.pool.operation} observations.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"observationRegistry must not be null");
			return this;
		}

		/**
		 * Convention replacing {@link DefaultModelPoolObservationConvention}.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(ModelPoolObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * The executor that runs blocking member calls limited by {@code timeouts.call}
		 * (the caller waits for them until the deadline). Without one, the pool runs them
		 * on its own bounded workers ({@link CallExecutors}), ended by {@link #stop()}.
		 * A call the executor refuses, or holds past the deadline, ends with
		 * {@link ModelPoolRejectedException} and blames no member.
		 * @param callExecutor the executor, which its owner stops
		 * @return this builder
		 */
		public Builder callExecutor(Executor callExecutor) {
			this.callExecutor = Objects.requireNonNull(callExecutor, "callExecutor must not be null");
			return this;
		}

		public ModelPool build() {
			if (this.members.isEmpty()) {
				throw new IllegalArgumentException("pool '" + this.id + "' needs at least one member");
			}
			if (this.classifier == null) {
				this.classifier = new DefaultFailureClassifier(this.clock);
			}
			return new ModelPool(this);
		}

	}

}
