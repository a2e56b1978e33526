package io.github.modelpool.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * One member of a pool as applications and operators see it: a chat model and the model
 * name used through it (or, in an embedding pool, an embedding model), its state
 * (breaker, quarantine, isolation), the operator's actions on it, and its call counts. The pool admits calls and records their ends
 * through the member's {@link #gate() gate}. Safe for use by many threads.
 * <p>
 * Quarantines, isolations and resets placed here are told to the other application
 * instances; breakers themselves stay local: each instance judges the calls it makes.
 */
public final class PoolMember {

	private final RouteMember route;

	private final ModelType type;

	private final String modelBeanName;

	/** The member's {@link ChatModel} or {@link EmbeddingModel}, as {@link #type} says. */
	private final Object target;

	private final String model;

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final TimeoutPolicy timeouts;

	private final MemberHolds holds;

	private final MemberGate gate;

	private final AccountBudget budget;

	private volatile String defaultModel;

	private volatile UnaryOperator<Prompt> prompts;

	private volatile BiFunction<Prompt, String, Prompt> cacheKeying;


	/**
	 * Create a member.
	 * @param route id, weight and role
	 * @param chatModelName bean name of the chat model
	 * @param chatModel the chat model
	 * @param model model name used for calls through this member, or {@code null} for the
	 * chat model's default
	 * @param circuitBreaker the member's breaker
	 * @param clock time source for quarantines and failure times
	 */
	public PoolMember(RouteMember route, String chatModelName, ChatModel chatModel, String model,
			CircuitBreaker circuitBreaker, Clock clock) {
		this(route, chatModelName, chatModel, model, circuitBreaker, clock, null);
	}

	/**
	 * Create a member with its own time limits.
	 * @param route id, weight, role, context window and continuation
	 * @param chatModelName bean name of the chat model
	 * @param chatModel the chat model
	 * @param model model name used for calls through this member, or {@code null} for the
	 * chat model's default
	 * @param circuitBreaker the member's breaker
	 * @param clock time source for quarantines and failure times
	 * @param timeouts limits replacing the pool's for this member (a {@code null} field
	 * inherits the pool's), or {@code null} for the pool's
	 */
	public PoolMember(RouteMember route, String chatModelName, ChatModel chatModel, String model,
			CircuitBreaker circuitBreaker, Clock clock, TimeoutPolicy timeouts) {
		this(route, ModelType.CHAT, chatModelName, Objects.requireNonNull(chatModel, "chatModel must not be null"),
				model, circuitBreaker, clock, timeouts, null);
	}

	private PoolMember(RouteMember route, ModelType type, String modelBeanName, Object target, String model,
			CircuitBreaker circuitBreaker, Clock clock, TimeoutPolicy timeouts, AccountBudget budget) {
		this.timeouts = timeouts;
		this.route = Objects.requireNonNull(route, "route must not be null");
		this.type = type;
		this.modelBeanName = modelBeanName;
		this.target = Objects.requireNonNull(target, "model must not be null");
		this.model = model;
		this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.holds = new MemberHolds(this, circuitBreaker, clock);
		this.gate = new MemberGate(circuitBreaker, this.holds, clock);
		this.budget = (budget != null) ? budget
				: new AccountBudget((modelBeanName != null) ? modelBeanName : route.id(), RateLimits.NONE);
	}

	/**
	 * Start building a member.
	 * @param route id, weight, role, context window and continuation
	 * @param chatModel the chat model
	 * @param circuitBreaker the member's breaker
	 * @return the builder
	 */
	public static Builder builder(RouteMember route, ChatModel chatModel, CircuitBreaker circuitBreaker) {
		return new Builder(route, ModelType.CHAT, Objects.requireNonNull(chatModel, "chatModel must not be null"),
				circuitBreaker);
	}

	/**
	 * Start building a member of an embedding pool.
	 * @param route id, weight and role
	 * @param embeddingModel the embedding model
	 * @param circuitBreaker the member's breaker
	 * @return the builder
	 */
	public static Builder builder(RouteMember route, EmbeddingModel embeddingModel, CircuitBreaker circuitBreaker) {
		return new Builder(route, ModelType.EMBEDDING,
				Objects.requireNonNull(embeddingModel, "embeddingModel must not be null"), circuitBreaker);
	}

	public String id() {
		return this.route.id();
	}

	/**
	 * The budget of the provider account behind this member's chat model, shared by every
	 * member over that chat model.
	 * @return the budget
	 */
	public AccountBudget budget() {
		return this.budget;
	}

	public RouteMember route() {
		return this.route;
	}

	public MemberRole role() {
		return this.route.role();
	}

	public int weight() {
		return this.route.weight();
	}

	/**
	 * What kind of model the member serves.
	 * @return chat or embedding
	 */
	public ModelType type() {
		return this.type;
	}

	/**
	 * Bean name of the member's model, chat or embedding.
	 * @return the name, or {@code null} when the member was built without one
	 */
	public String modelBeanName() {
		return this.modelBeanName;
	}

	/**
	 * Bean name of the member's chat model.
	 * @return the name, or {@code null} for an embedding member or one built without it
	 */
	public String chatModelName() {
		return (this.type == ModelType.CHAT) ? this.modelBeanName : null;
	}

	/**
	 * The member's chat model.
	 * @return the model
	 * @throws IllegalStateException when the member serves an embedding model
	 */
	public ChatModel chatModel() {
		return (ChatModel) target(ModelType.CHAT);
	}

	/**
	 * The member's embedding model.
	 * @return the model
	 * @throws IllegalStateException when the member serves a chat model
	 */
	public EmbeddingModel embeddingModel() {
		return (EmbeddingModel) target(ModelType.EMBEDDING);
	}

	/**
	 * The member's model, chat or embedding, for readers that handle both.
	 * @return the model
	 */
	public Object target() {
		return this.target;
	}

	private Object target(ModelType expected) {
		if (this.type != expected) {
			throw new IllegalStateException("member '" + id() + "' serves " + this.type.tag() + ", not "
					+ expected.tag() + ", model");
		}
		return this.target;
	}

	/**
	 * Model name used for calls through this member.
	 * @return the name, or {@code null} for the chat model's default
	 */
	public String model() {
		return this.model;
	}

	/**
	 * Time limits this member sets in place of the pool's.
	 * @return the limits, {@code null} fields inheriting; {@code null} for the pool's
	 */
	public TimeoutPolicy timeouts() {
		return this.timeouts;
	}

	/**
	 * Model this member serves: its override, else its chat model's default.
	 * @return the model name, or {@code null} when the chat model does not say (an
	 * embedding member says only its declared name)
	 */
	public String servedModel() {
		if (this.model != null || this.type != ModelType.CHAT) {
			return this.model;
		}
		String known = this.defaultModel;
		if (known == null) {
			known = MemberPrompts.forClasspath().defaultModel(chatModel());
			this.defaultModel = known;
		}
		return known;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The prompt as this member should receive it.
	 * @param prompt the prompt given to the pool
	 * @return the prompt with options adapted to this member
	 */
	public Prompt adapt(Prompt prompt) {
		UnaryOperator<Prompt> adaptation = this.prompts;
		if (adaptation == null) {
			adaptation = MemberPrompts.forClasspath().forMember(chatModel(), this.model);
			this.prompts = adaptation;
		}
		return adaptation.apply(prompt);
	}

	/**
	 * The prompt as this member should receive it, carrying a provider prompt-cache key
	 * where the member's options have one and the prompt sets none.
	 * @param prompt the prompt given to the pool
	 * @param cacheKey the key, or {@code null} for none
	 * @return the prompt with options adapted to this member
	 */
	public Prompt adapt(Prompt prompt, String cacheKey) {
		Prompt adapted = adapt(prompt);
		return (cacheKey != null) ? cacheKeying().apply(adapted, cacheKey) : adapted;
	}

	/**
	 * Whether this member's options carry a provider prompt-cache key.
	 * @return {@code true} when {@link #adapt(Prompt, String)} can forward one
	 */
	public boolean takesCacheKey() {
		return cacheKeying() != MemberPrompts.NO_CACHE_KEY;
	}

	private BiFunction<Prompt, String, Prompt> cacheKeying() {
		BiFunction<Prompt, String, Prompt> keying = this.cacheKeying;
		if (keying == null) {
			keying = MemberPrompts.forClasspath().cacheKeying(chatModel());
			this.cacheKeying = keying;
		}
		return keying;
	}

	/**
	 * State as operators see it. Reading it never takes a half-open probe.
	 * @return the state
	 */
	public MemberState state() {
		if (this.holds.hasQuarantine()) {
			// An ended quarantine is released at the member's next admission: closed by then.
			return (this.holds.quarantinedUntil() != null) ? MemberState.QUARANTINED : MemberState.CLOSED;
		}
		return MemberState.of(this.circuitBreaker.getState());
	}

	/**
	 * Whether the member is offered to sessions now. Reading it never takes a half-open
	 * probe.
	 * @return {@code true} unless open, forced open or quarantined
	 */
	public boolean isAvailable() {
		return state().isAvailable();
	}

	/**
	 * The pool's side of this member: admission, call outcomes and other instances'
	 * holds.
	 * @return the member's gate
	 */
	public MemberGate gate() {
		return this.gate;
	}

	/**
	 * Keep the member out of every session. The breaker is held forced open meanwhile,
	 * so Resilience4j's endpoint and health agree; the member's first admission after the
	 * quarantine ends closes it again.
	 * @param duration how long, or {@code null} until {@link #reset()}
	 */
	public void quarantine(Duration duration) {
		this.holds.quarantine(duration);
	}

	/**
	 * Close the breaker and lift any quarantine or isolation, on every instance, and the
	 * hold a rate-limited answer placed on the member's account here.
	 */
	public void reset() {
		this.holds.reset();
		this.budget.release();
	}

	/**
	 * Force the breaker open: the member is drained and sessions move at their next
	 * call, on every instance.
	 */
	public void isolate() {
		this.holds.isolate();
	}

	/**
	 * The application instance that placed this member's quarantine or isolation, when
	 * it was not this one.
	 * @return the other instance's id, or {@code null} when the hold was placed here or
	 * there is none
	 */
	public String heldBy() {
		return state().isHeld() ? this.holds.heldBy() : null;
	}

	/**
	 * When the open breaker admits its half-open probe, for operators.
	 * @return the instant, or {@code null} unless the breaker is open (and was opened by
	 * the calls of this member's pool, not by a state transition made on the breaker
	 * itself)
	 */
	public Instant halfOpenAt() {
		Instant opened = this.gate.openedAt();
		if (opened == null || this.circuitBreaker.getState() != CircuitBreaker.State.OPEN) {
			return null;
		}
		long waitMillis = this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
		return opened.plusMillis(waitMillis);
	}

	/**
	 * End of the current quarantine.
	 * @return the instant, {@link Instant#MAX} until reset, or {@code null} when not
	 * quarantined
	 */
	public Instant quarantinedUntil() {
		return this.holds.quarantinedUntil();
	}

	public long succeededCalls() {
		return this.gate.succeededCalls();
	}

	public long failedCalls() {
		return this.gate.failedCalls();
	}

	public long notPermittedCalls() {
		return this.gate.notPermittedCalls();
	}

	/**
	 * Tokens of every answer this member gave, as its provider counted them.
	 * @return the totals since the application started
	 */
	public TokenCounts tokens() {
		return this.gate.tokens();
	}

	/**
	 * Calls admitted at this member and not ended yet.
	 * @return the calls in flight
	 */
	public int inflight() {
		return this.gate.inflight();
	}

	/**
	 * The most recent failure.
	 * @return the failure, or {@code null} when the member never failed
	 */
	public LastFailure lastFailure() {
		return this.gate.lastFailure();
	}

	@Override
	public String toString() {
		return "PoolMember[" + id() + "]";
	}

	/**
	 * Builds a {@link PoolMember}.
	 */
	public static final class Builder {

		private final RouteMember route;

		private final ModelType type;

		private final Object target;

		private final CircuitBreaker circuitBreaker;

		private String modelBeanName;

		private String model;

		private Clock clock = Clock.systemUTC();

		private TimeoutPolicy timeouts;

		private AccountBudget budget;

		private Builder(RouteMember route, ModelType type, Object target, CircuitBreaker circuitBreaker) {
			this.route = route;
			this.type = type;
			this.target = target;
			this.circuitBreaker = circuitBreaker;
		}

		/**
		 * Bean name of the chat model.
		 * @param chatModelName the name
		 * @return this builder
		 */
		public Builder chatModelName(String chatModelName) {
			return modelBeanName(chatModelName);
		}

		/**
		 * Bean name of the member's model, chat or embedding.
		 * @param modelBeanName the name
		 * @return this builder
		 */
		public Builder modelBeanName(String modelBeanName) {
			this.modelBeanName = modelBeanName;
			return this;
		}

		/**
		 * Model name used for calls through this member.
		 * @param model the name, or {@code null} for the chat model's default
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = model;
			return this;
		}

		/**
		 * Time source for quarantines and failure times.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Limits replacing the pool's for this member.
		 * @param timeouts the limits ({@code null} fields inherit), or {@code null}
		 * @return this builder
		 */
		public Builder timeouts(TimeoutPolicy timeouts) {
			this.timeouts = timeouts;
			return this;
		}

		/**
		 * The budget of the chat model's provider account; give members over one chat
		 * model the same budget. Without one, the member has its own, learning limits
		 * from the provider's answers.
		 * @param budget the budget
		 * @return this builder
		 */
		public Builder budget(AccountBudget budget) {
			this.budget = budget;
			return this;
		}

		public PoolMember build() {
			return new PoolMember(this.route, this.type, this.modelBeanName, this.target, this.model,
					this.circuitBreaker, this.clock, this.timeouts, this.budget);
		}

	}

}
