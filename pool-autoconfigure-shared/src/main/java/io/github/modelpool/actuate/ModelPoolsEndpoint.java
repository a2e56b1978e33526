package io.github.modelpool.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.modelpool.budget.BudgetSnapshot;
import io.github.modelpool.member.LastFailure;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.pool.MemberSnapshot;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import io.github.modelpool.pool.PoolSnapshot;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreStatus;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * {@link Endpoint @Endpoint} that shows the model pools, their members, breakers and
 * sessions, and lets operators reset or isolate a member. It never shows keys, prompts
 * or answers. Absent values (no model override, no failure yet) are shown as
 * {@code null}.
 */
@Endpoint(id = "modelpools")
// Spring Boot 3.5 reads only Spring's own @Nullable, deprecated in Spring Framework 7, as
// "optional" on an operation parameter.
@SuppressWarnings("deprecation")
public class ModelPoolsEndpoint {

	/** Actions an operator can take on a member. */
	public static final List<String> ACTIONS = List.of("reset", "isolate");

	private final ModelPools pools;

	private final String primaryPoolId;

	private final MemberSourceDescriber sources;

	/**
	 * Create an endpoint.
	 * @param pools the pools
	 * @param primaryPoolId id of the primary pool, or {@code null}
	 * @param sources describes where declared member models point, for operators
	 */
	public ModelPoolsEndpoint(ModelPools pools, @Nullable String primaryPoolId, MemberSourceDescriber sources) {
		this.pools = pools;
		this.primaryPoolId = primaryPoolId;
		this.sources = sources;
	}

	@ReadOperation
	public ModelPoolsDescriptor pools() {
		Map<String, PoolDescriptor> descriptors = new LinkedHashMap<>();
		this.pools.forEach((pool) -> descriptors.put(pool.getId(), describe(pool)));
		StoreDescriptor store = descriptors.values().stream().map(PoolDescriptor::store).findFirst().orElse(null);
		return new ModelPoolsDescriptor(store, descriptors);
	}

	@ReadOperation
	@Nullable
	public PoolDescriptor pool(@Selector String pool) {
		return this.pools.find(pool).map(this::describe).orElse(null);
	}

	/**
	 * Why {@link #memberAction} found nothing to act on.
	 * @param pool pool id
	 * @param member member id
	 * @return a message naming what does not exist
	 */
	public String notFound(String pool, String member) {
		return this.pools.find(pool)
			.map((found) -> "No member '" + member + "' in pool '" + pool + "'; members: "
					+ String.join(", ", found.getMembers().stream().map(PoolMember::id).toList()))
			.orElseGet(() -> "No pool '" + pool + "'; pools: " + String.join(", ", this.pools.ids()));
	}

	/**
	 * Reset ({@code reset}: close the breaker, lift any quarantine) or drain
	 * ({@code isolate}: force the breaker open) a member, on every instance sharing
	 * the state store.
	 * @param pool pool id
	 * @param member member id
	 * @param action {@code reset} or {@code isolate}
	 * @return the member after the action, or {@code null} when the pool or member is
	 * unknown
	 */
	@WriteOperation
	@Nullable
	public MemberDescriptor memberAction(@Selector String pool, @Selector String member, @Nullable String action) {
		Consumer<PoolMember> operation = operation(action);
		Pool modelPool = this.pools.find(pool).orElse(null);
		PoolMember poolMember = (modelPool != null) ? modelPool.getMember(member).orElse(null) : null;
		if (poolMember == null) {
			return null;
		}
		operation.accept(poolMember);
		return describe(modelPool).members()
			.stream()
			.filter((descriptor) -> descriptor.id().equals(member))
			.findFirst()
			.orElseThrow();
	}

	private static Consumer<PoolMember> operation(@Nullable String action) {
		if ("reset".equals(action)) {
			return PoolMember::reset;
		}
		if ("isolate".equals(action)) {
			return PoolMember::isolate;
		}
		String message = ((action == null || action.isBlank()) ? "Missing action"
				: "Unknown action '" + action + "'") + "; allowed actions: " + String.join(", ", ACTIONS);
		throw new InvalidEndpointRequestException(message, message);
	}

	private PoolDescriptor describe(Pool pool) {
		PoolSnapshot snapshot = pool.snapshot();
		List<MemberDescriptor> members = snapshot.members()
			.stream()
			.map((member) -> new MemberDescriptor(member, this.sources.describe(member.modelBean())))
			.toList();
		return new PoolDescriptor(snapshot.id(), snapshot.type().tag(), snapshot.dimensions(),
				snapshot.type() == ModelType.CHAT && snapshot.id().equals(this.primaryPoolId),
				RoutingDescriptor.of(snapshot.routing()), SwitchDescriptor.of(snapshot.switching()),
				RetryDescriptor.of(snapshot.retry()), TimeoutsDescriptor.of(snapshot.timeouts()), snapshot.sessions(),
				snapshot.switches(), snapshot.anonymousCalls(), StoreDescriptor.of(pool.getStateStore()),
				TokensDescriptor.of(snapshot.members()
					.stream()
					.map(MemberSnapshot::tokens)
					.reduce(TokenCounts.NONE, TokenCounts::plus)),
				members);
	}

	static String display(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String text(Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

	private static String text(Instant instant) {
		return (instant == null) ? null : Instant.MAX.equals(instant) ? "until reset" : instant.toString();
	}

	/**
	 * Every pool, by id.
	 *
	 * @param store where the pools share state with other instances, or {@code null}
	 * without pools
	 * @param pools the pools
	 */
	public record ModelPoolsDescriptor(StoreDescriptor store,
			Map<String, PoolDescriptor> pools) implements OperationResponseBody {
	}

	/**
	 * The state store, as this instance sees it.
	 *
	 * @param kind {@code memory} or {@code redis}
	 * @param instance this application instance's id
	 * @param reachable whether the store answered its last request
	 * @param lastError the store's last error, without credentials, or {@code null}
	 * @param lastErrorAt when that error happened, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record StoreDescriptor(String kind, String instance, boolean reachable, String lastError,
			String lastErrorAt) {

		static StoreDescriptor of(StateStore store) {
			StoreStatus status = store.status();
			return new StoreDescriptor(store.kind().tag(), store.instanceId(), status.reachable(),
					status.lastError(), text(status.lastErrorAt()));
		}

	}

	/**
	 * One pool.
	 *
	 * @param id pool id
	 * @param type {@code chat} or {@code embedding}: what the pool pools
	 * @param dimensions length of every vector of an embedding pool, {@code null} for a
	 * chat pool
	 * @param primary whether the pool's bean is the primary ChatModel
	 * @param routing routing settings
	 * @param switching switch settings
	 * @param retry how members are retried within a call
	 * @param timeouts the pool's own time limits
	 * @param sessions sessions remembered now
	 * @param switches session switches since start
	 * @param anonymousCalls calls without routing key since start
	 * @param store where the pool shares state with other instances
	 * @param tokens tokens of every member's answers
	 * @param members members in declaration order
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record PoolDescriptor(String id, String type, @Nullable Integer dimensions, boolean primary, RoutingDescriptor routing,
			@JsonProperty("switch") SwitchDescriptor switching, RetryDescriptor retry, TimeoutsDescriptor timeouts,
			long sessions, long switches, long anonymousCalls, StoreDescriptor store, TokensDescriptor tokens,
			List<MemberDescriptor> members) implements OperationResponseBody {
	}

	/**
	 * Routing settings of a pool.
	 *
	 * @param home how new sessions choose their home
	 * @param stickyScope what a session follows
	 * @param maxSessions most sessions remembered
	 * @param sessionIdleTimeout how long an unused session is remembered
	 * @param returnHomeAfter idle time after which switched sessions return home, or
	 * {@code null}
	 * @param forwardCacheKey whether members are given a prompt-cache key made from the
	 * conversation id
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RoutingDescriptor(String home, String stickyScope, int maxSessions, String sessionIdleTimeout,
			String returnHomeAfter, boolean forwardCacheKey) {

		static RoutingDescriptor of(RoutingPolicy routing) {
			return new RoutingDescriptor(display(routing.home()), display(routing.stickyScope()),
					routing.maxSessions(), text(routing.sessionIdleTimeout()), text(routing.returnHomeAfter()),
					routing.forwardCacheKey());
		}

	}

	/**
	 * Switch settings of a pool.
	 *
	 * @param onCircuitOpen whether sessions leave members whose breaker is open
	 * @param onQuota whether quota failures move sessions
	 * @param quotaRetryAfterThreshold longest Retry-After waited out on the same member,
	 * or {@code null}
	 * @param onPermanent whether permanent failures move sessions and quarantine members
	 * @param onTransient whether transient failures move calls once retries are spent
	 * @param onContextLength whether context-length errors move calls to larger models
	 * @param maxSwitchesPerSession switch budget per session, or {@code null}
	 * @param quarantineDuration quarantine length, or {@code null} for until reset
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record SwitchDescriptor(boolean onCircuitOpen, boolean onQuota, String quotaRetryAfterThreshold,
			boolean onPermanent, boolean onTransient, boolean onContextLength, Integer maxSwitchesPerSession,
			String quarantineDuration) {

		static SwitchDescriptor of(SwitchPolicy switching) {
			return new SwitchDescriptor(switching.onCircuitOpen(), switching.onQuota(),
					text(switching.quotaRetryAfterThreshold()), switching.onPermanent(), switching.onTransient(),
					switching.onContextLength(), switching.maxSwitchesPerSession(),
					text(switching.quarantineDuration()));
		}

	}

	/**
	 * Retry settings of a pool.
	 *
	 * @param maxAttempts most tries of one member within one call
	 * @param initialBackoff wait before the first retry
	 * @param multiplier growth of each further wait
	 * @param maxBackoff longest wait between two tries
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RetryDescriptor(int maxAttempts, String initialBackoff, double multiplier, String maxBackoff) {

		static RetryDescriptor of(RetryPolicy retry) {
			return new RetryDescriptor(retry.maxAttempts(), text(retry.initialBackoff()), retry.multiplier(),
					text(retry.maxBackoff()));
		}

	}

	/**
	 * Time limits of a pool or a member; {@code null} is no limit.
	 *
	 * @param firstToken longest wait for a stream's first element
	 * @param idle longest wait between stream elements
	 * @param call longest time for a whole call or stream
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record TimeoutsDescriptor(String firstToken, String idle, String call) {

		static TimeoutsDescriptor of(TimeoutPolicy timeouts) {
			return new TimeoutsDescriptor(text(timeouts.firstToken()), text(timeouts.idle()), text(timeouts.call()));
		}

	}

	/**
	 * One member: a view of its snapshot in the endpoint's terms (enums in kebab case,
	 * durations and instants as ISO-8601 text).
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public static final class MemberDescriptor implements OperationResponseBody {

		private final MemberSnapshot member;

		@Nullable
		private final MemberSourceDescriber.Source source;

		MemberDescriptor(MemberSnapshot member, @Nullable MemberSourceDescriber.Source source) {
			this.member = member;
			this.source = source;
		}

		/** @return member id */
		@JsonProperty
		public String id() {
			return this.member.id();
		}

		/** @return bean name of the member's chat model, {@code null} in an embedding pool */
		@JsonProperty
		public @Nullable String chatModel() {
			return (this.member.type() == ModelType.CHAT) ? this.member.modelBean() : null;
		}

		/** @return bean name of the member's embedding model, {@code null} in a chat pool */
		@JsonProperty
		public @Nullable String embeddingModel() {
			return (this.member.type() == ModelType.EMBEDDING) ? this.member.modelBean() : null;
		}

		/** @return model used through the member, or {@code null} for its default */
		@JsonProperty
		public @Nullable String model() {
			return this.member.model();
		}

		/** @return {@code member} or {@code failover-only} */
		@JsonProperty
		public String role() {
			return display(this.member.role());
		}

		/** @return relative share of homes */
		@JsonProperty
		public int weight() {
			return this.member.weight();
		}

		/** @return declared context window in tokens, or {@code null} */
		@JsonProperty
		public @Nullable Integer contextWindow() {
			return this.member.contextWindow();
		}

		/** @return {@code none} or {@code prefill} */
		@JsonProperty
		public String continuation() {
			return display(this.member.continuation());
		}

		/** @return the member's effective time limits */
		@JsonProperty
		public TimeoutsDescriptor timeouts() {
			return TimeoutsDescriptor.of(this.member.timeouts());
		}

		/** @return breaker state or {@code QUARANTINED} */
		@JsonProperty
		public String state() {
			return this.member.state().name();
		}

		/** @return whether sessions are offered the member now */
		@JsonProperty
		public boolean available() {
			return this.member.available();
		}

		/** @return breaker name in the Resilience4j registry */
		@JsonProperty
		public String circuitBreaker() {
			return this.member.circuitBreaker();
		}

		/** @return end of the quarantine, {@code until reset}, or {@code null} */
		@JsonProperty
		public @Nullable String quarantinedUntil() {
			return text(this.member.quarantinedUntil());
		}

		/** @return when the open breaker admits its half-open probe, or {@code null} */
		@JsonProperty
		public @Nullable String halfOpenAt() {
			return text(this.member.halfOpenAt());
		}

		/** @return sessions served by the member now */
		@JsonProperty
		public int activeSessions() {
			return this.member.activeSessions();
		}

		/** @return sessions homed to the member */
		@JsonProperty
		public int homeSessions() {
			return this.member.homeSessions();
		}

		/** @return call counts */
		@JsonProperty
		public CallsDescriptor calls() {
			return new CallsDescriptor(this.member.succeededCalls(), this.member.failedCalls(),
					this.member.notPermittedCalls());
		}

		/** @return tokens of the member's answers, with its prompt-cache hit ratio */
		@JsonProperty
		public TokensDescriptor tokens() {
			return TokensDescriptor.of(this.member.tokens());
		}

		/** @return calls admitted at the member and not ended yet */
		@JsonProperty
		public int inflight() {
			return this.member.inflight();
		}

		/** @return the rate budget of the member's provider account */
		@JsonProperty
		public BudgetDescriptor budget() {
			return BudgetDescriptor.of(this.member.budget());
		}

		/** @return the most recent failure, or {@code null} */
		@JsonProperty
		public @Nullable LastFailureDescriptor lastFailure() {
			LastFailure lastFailure = this.member.lastFailure();
			return (lastFailure != null) ? new LastFailureDescriptor(lastFailure.kind().name(),
					text(lastFailure.at()), lastFailure.message()) : null;
		}

		/** @return provider of a declared member model, or {@code null} */
		@JsonProperty
		public @Nullable String provider() {
			return (this.source != null) ? this.source.provider() : null;
		}

		/** @return base URL of a declared member model without credentials, or {@code null} */
		@JsonProperty
		public @Nullable String baseUrl() {
			return (this.source != null) ? this.source.baseUrl() : null;
		}

		/**
		 * @return {@code this-instance} or {@code other-instance}: which instance placed
		 * the member's quarantine or isolation; {@code null} without one
		 */
		@JsonProperty
		public @Nullable String holdOrigin() {
			return (this.member.holdOrigin() != null) ? display(this.member.holdOrigin()) : null;
		}

		/** @return id of the instance holding the member, or {@code null} */
		@JsonProperty
		public @Nullable String heldBy() {
			return this.member.heldBy();
		}

	}

	/**
	 * Call counts of a member.
	 *
	 * @param succeeded calls the member answered
	 * @param failed calls that failed at the member
	 * @param notPermitted calls the breaker or quarantine refused
	 */
	public record CallsDescriptor(long succeeded, long failed, long notPermitted) {
	}

	/**
	 * Tokens of answers, as the providers counted them.
	 *
	 * @param input every prompt token
	 * @param cached prompt tokens the provider read from its prompt cache
	 * @param output completion tokens
	 * @param cacheHitRatio cached over input, or {@code null} before any prompt token
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record TokensDescriptor(long input, long cached, long output, @Nullable Double cacheHitRatio) {

		static TokensDescriptor of(TokenCounts tokens) {
			return new TokensDescriptor(tokens.input(), tokens.cached(), tokens.output(), tokens.cacheHitRatio());
		}

	}

	/**
	 * The rate budget of a member's provider account, shared by every member over its
	 * chat model.
	 *
	 * @param account the chat model the budget belongs to
	 * @param source {@code declared}, {@code learned} from the provider's answers, or
	 * {@code none} while no limit is known
	 * @param requestsLimit requests per window, or {@code null} when unknown
	 * @param requestsRemaining requests left to this instance in the window now, or
	 * {@code null}
	 * @param tokensLimit tokens per window, or {@code null} when unknown
	 * @param tokensRemaining tokens left in the window now, or {@code null}
	 * @param heldFor how long the provider asked the account to be left alone still
	 * (ISO-8601), or {@code null} when it is not held
	 * @param window the length of the provider's window (ISO-8601)
	 * @param share how many instances the limits are divided among while the shared
	 * store is away, 1 otherwise
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record BudgetDescriptor(String account, String source, @Nullable Long requestsLimit,
			@Nullable Long requestsRemaining, @Nullable Long tokensLimit, @Nullable Long tokensRemaining,
			@Nullable String heldFor, String window, int share) {

		static BudgetDescriptor of(BudgetSnapshot budget) {
			boolean known = budget.requestsLimit() != null || budget.tokensLimit() != null;
			String source = budget.declared() ? "declared" : known ? "learned" : "none";
			return new BudgetDescriptor(budget.account(), source, budget.requestsLimit(), budget.requestsRemaining(),
					budget.tokensLimit(), budget.tokensRemaining(),
					budget.heldFor().isZero() ? null : budget.heldFor().toString(), budget.window().toString(),
					budget.share());
		}

	}

	/**
	 * The most recent failure of a member.
	 *
	 * @param kind failure kind
	 * @param at when it happened
	 * @param message short description without secrets
	 */
	public record LastFailureDescriptor(String kind, String at, String message) {
	}

}
