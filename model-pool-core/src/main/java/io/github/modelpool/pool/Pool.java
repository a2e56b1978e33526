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

import io.github.modelpool.failure.DefaultFailureClassifier;
import io.github.modelpool.failure.EmptyAnswerException;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.Router;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.session.SessionSharing;
import io.github.modelpool.session.SessionState;
import io.github.modelpool.session.SessionTable;
import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.StateStore;

/**
 * What every pool is, whatever model it pools: its members, policies and state store,
 * the one retry loop its calls share, what it starts and stops, and its snapshot for
 * operators. A {@link ModelPool} pools chat models; an {@link EmbeddingPool} pools
 * embedding models.
 */
public abstract sealed class Pool permits ModelPool, EmbeddingPool {

	private final String id;

	private final ModelType type;

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

	private final ObservationRegistry observationRegistry;

	private final ModelPoolObservationConvention observationConvention;

	private final Object lifecycle = new Object();

	/** The pool's own call workers, when the builder was given none. */
	private volatile ExecutorService ownCallExecutor;

	private HoldSubscription holdSubscription;

	/** Exchanges the accounts' use with other instances while started, when the store counts it. */
	private ScheduledExecutorService usageExchange;

	Pool(Builder<?> builder, ModelType type) {
		this.id = builder.id;
		this.type = type;
		this.members = List.copyOf(builder.members);
		for (PoolMember member : this.members) {
			if (member.type() != type) {
				throw new IllegalArgumentException("pool '" + this.id + "' pools " + type.tag()
						+ " models, but member '" + member.id() + "' serves a " + member.type().tag() + " model");
			}
		}
		this.aloneLists = this.members.stream().map((member) -> List.of(member.id())).toList();
		this.routing = builder.routing;
		this.switching = builder.switching;
		this.retry = builder.retry;
		this.timeouts = builder.timeouts;
		this.stateStore = builder.stateStore;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
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
	 * stop). Blocking calls limited by {@code timeouts.call} are refused afterwards
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

	final Dispatcher dispatcher() {
		return this.dispatcher;
	}

	final MemberCalls memberCalls() {
		return this.memberCalls;
	}

	final ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	/**
	 * The members list of an answer a member gave alone.
	 * @param member the member's index
	 * @return its id alone
	 */
	final List<String> alone(int member) {
		return this.aloneLists.get(member);
	}

	/**
	 * An observation of one call, named by the pool's convention, else by the given
	 * default.
	 */
	final Observation observation(ModelPoolObservationContext context,
			ModelPoolObservationConvention defaultConvention) {
		return Observation.createNotStarted(this.observationConvention, defaultConvention, () -> context,
				this.observationRegistry);
	}

	/**
	 * Run a blocking call inside its observation, which records the serving member, the
	 * outcome and any error.
	 * @param context the observation's context
	 * @param defaultConvention names the observation unless the pool was given a convention
	 * @param call the call's tries
	 * @return the call's answer
	 */
	final <T> T observed(ModelPoolObservationContext context, ModelPoolObservationConvention defaultConvention,
			ObservedCall<T> call) {
		Observation observation = observation(context, defaultConvention).start();
		try (Observation.Scope scope = observation.openScope()) {
			T answer = call.run(context);
			context.setOutcome(CallOutcome.SUCCESS.tag());
			return answer;
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
	 * A blocking call's tries, member after member, from its first admission: a member's
	 * exception or empty answer goes to the dispatcher, which says where the call goes
	 * next; every try ends exactly once, whatever is thrown.
	 * @param admission the call's first admission
	 * @param input what the pool was given
	 * @param asking what each member is asked and what its answer becomes
	 * @param context the observation's context, {@code null} when nobody observes
	 * @return what the caller gets
	 */
	final <I, R> R callMembers(Admission admission, I input, MemberAsk<I, R> asking,
			ModelPoolObservationContext context) {
		MemberTry memberTry = this.memberCalls.admitted(admission);
		while (true) {
			PoolMember member = memberTry.member();
			if (context != null) {
				context.setMember(member.id());
			}
			R answer;
			try {
				answer = asking.ask(memberTry, input);
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
			if (asking.isEmpty(answer)) {
				memberTry = this.memberCalls
					.next(this.dispatcher.failed(memberTry, new EmptyAnswerException(this.id, member.id()), true));
				continue;
			}
			return asking.answered(memberTry, answer, context);
		}
	}

	/**
	 * What a pool's blocking call asks each member it reaches, and what it does with an
	 * answer. One instance per pool, so a call allocates none.
	 *
	 * @param <I> what the pool was given
	 * @param <R> what a member answers
	 */
	interface MemberAsk<I, R> {

		/**
		 * Ask the try's member; its exception fails the try.
		 */
		R ask(MemberTry memberTry, I input);

		/**
		 * Whether the answer holds nothing to use, which fails the try.
		 */
		boolean isEmpty(R answer);

		/**
		 * End the try with its answer and make what the caller gets, or throw what the
		 * caller sees.
		 */
		R answered(MemberTry memberTry, R answer, ModelPoolObservationContext context);

	}

	/**
	 * A blocking call's tries, filling the observation's context.
	 *
	 * @param <T> the answer's type
	 */
	@FunctionalInterface
	interface ObservedCall<T> {

		T run(ModelPoolObservationContext context);

	}

	public String getId() {
		return this.id;
	}

	/**
	 * What the pool pools.
	 * @return {@link ModelType#CHAT} for a {@link ModelPool}, {@link ModelType#EMBEDDING}
	 * for an {@link EmbeddingPool}
	 */
	public ModelType getType() {
		return this.type;
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
	 * Length every vector of the pool's answers has.
	 * @return the length, or {@code null} for a pool of chat models
	 */
	public Integer getDimensions() {
		return null;
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
		return new PoolSnapshot(this.id, this.type, getDimensions(), this.routing, this.switching, this.retry,
				this.timeouts, states.size(), this.dispatcher.switches(), this.dispatcher.anonymousCalls(),
				memberSnapshots);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.id + "]";
	}

	/**
	 * What building any pool takes: members, policies, and where time, failures, shared
	 * state and observations come from.
	 *
	 * @param <B> the builder's own type
	 */
	public abstract static class Builder<B extends Builder<B>> {

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

		Builder(String id) {
			this.id = Objects.requireNonNull(id, "id must not be null");
		}

		@SuppressWarnings("unchecked")
		private B self() {
			return (B) this;
		}

		public B member(PoolMember member) {
			this.members.add(Objects.requireNonNull(member, "member must not be null"));
			return self();
		}

		public B members(List<PoolMember> members) {
			members.forEach(this::member);
			return self();
		}

		public B routing(RoutingPolicy routing) {
			this.routing = Objects.requireNonNull(routing, "routing must not be null");
			return self();
		}

		public B switching(SwitchPolicy switching) {
			this.switching = Objects.requireNonNull(switching, "switching must not be null");
			return self();
		}

		/**
		 * How members are retried within a call.
		 * @param retry the policy
		 * @return this builder
		 */
		public B retry(RetryPolicy retry) {
			this.retry = Objects.requireNonNull(retry, "retry must not be null");
			return self();
		}

		/**
		 * The pool's own time limits.
		 * @param timeouts the limits
		 * @return this builder
		 */
		public B timeouts(TimeoutPolicy timeouts) {
			this.timeouts = Objects.requireNonNull(timeouts, "timeouts must not be null");
			return self();
		}

		public B classifier(FailureClassifier classifier) {
			this.classifier = Objects.requireNonNull(classifier, "classifier must not be null");
			return self();
		}

		public B listener(PoolListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return self();
		}

		/**
		 * Time source for sessions and call durations, in nanoseconds.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public B ticker(Ticker ticker) {
			this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
			return self();
		}

		/**
		 * Wall clock for reading HTTP-date Retry-After values with the default classifier,
		 * and for the times shared with other instances.
		 * @param clock the clock
		 * @return this builder
		 */
		public B clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return self();
		}

		/**
		 * Store of the state shared with other application instances: sessions' pins and
		 * members' holds. Defaults to a {@link MemoryStateStore}, which shares nothing.
		 * @param stateStore the store
		 * @return this builder
		 */
		public B stateStore(StateStore stateStore) {
			this.stateStore = Objects.requireNonNull(stateStore, "stateStore must not be null");
			return self();
		}

		/**
		 * Registry for the pool's observations.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public B observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"observationRegistry must not be null");
			return self();
		}

		/**
		 * Convention replacing {@link DefaultModelPoolObservationConvention}.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public B observationConvention(ModelPoolObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return self();
		}

		/**
		 * The executor that runs blocking member calls limited by {@code timeouts.call}
		 * (the caller waits for them until the deadline). Without one, the pool runs them
		 * on its own bounded workers ({@link CallExecutors}), ended by {@link Pool#stop()}.
		 * A call the executor refuses, or holds past the deadline, ends with
		 * {@link ModelPoolRejectedException} and blames no member.
		 * @param callExecutor the executor, which its owner stops
		 * @return this builder
		 */
		public B callExecutor(Executor callExecutor) {
			this.callExecutor = Objects.requireNonNull(callExecutor, "callExecutor must not be null");
			return self();
		}

		/**
		 * The pool's id, for messages of subclasses' checks.
		 * @return the id
		 */
		final String id() {
			return this.id;
		}

		/**
		 * Checks what every pool needs and fills the defaults that depend on other
		 * settings; called by each pool's {@code build()}.
		 */
		final void complete() {
			if (this.members.isEmpty()) {
				throw new IllegalArgumentException("pool '" + this.id + "' needs at least one member");
			}
			if (this.classifier == null) {
				this.classifier = new DefaultFailureClassifier(this.clock);
			}
		}

		/**
		 * The switch policy, for a pool that narrows it.
		 */
		final SwitchPolicy switching() {
			return this.switching;
		}

	}

}
