package io.github.modelpool.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.failure.FailureRule;
import io.github.modelpool.pool.CallExecutors;
import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.provider.DeclaredModelProperties;
import io.github.modelpool.redis.RedisStoreDefaults;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.StoreKind;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of model pools.
 */
@ConfigurationProperties(prefix = ModelPoolProperties.PREFIX)
public class ModelPoolProperties {

	/** Prefix of every model pool property. */
	public static final String PREFIX = "model-pool";

	/**
	 * Whether to create the configured model pools.
	 */
	private boolean enabled = true;

	/**
	 * Whether Spring AI's RestClient-based models throw exceptions that keep the
	 * provider's HTTP status and headers (such as Retry-After), so quota thresholds work
	 * on blocking calls. Exception types, messages and retries stay as in Spring AI.
	 */
	private boolean preserveProviderErrors = true;

	/**
	 * Id of the pool whose ChatModel bean is primary. When unset and exactly one pool is
	 * configured, that pool is primary.
	 */
	private String primary;

	/**
	 * Pools by id. Each id becomes the bean name of the pool's ChatModel.
	 */
	private Map<String, Pool> pools = new LinkedHashMap<>();

	/**
	 * Embedding pools by id. Each id becomes the bean name of the pool's EmbeddingModel.
	 */
	private Map<String, EmbeddingPool> embeddingPools = new LinkedHashMap<>();

	/**
	 * Embedding models declared here rather than by provider starters, by id. Each id
	 * becomes the name of an EmbeddingModel bean that embedding pool members can
	 * reference.
	 */
	private Map<String, DeclaredEmbeddingModelProperties> embeddingModels = new LinkedHashMap<>();

	/**
	 * Chat models declared here rather than by provider starters, by id. Each id becomes
	 * the name of a ChatModel bean that pool members can reference.
	 */
	private Map<String, DeclaredModelProperties> models = new LinkedHashMap<>();

	/**
	 * Where pools keep the state application instances share: 'memory' keeps each
	 * instance's own; 'redis' shares sessions' pins, quarantines and operator actions
	 * through the application's Spring Data Redis connection (Lettuce).
	 */
	private StoreKind stateStore = StoreKind.MEMORY;

	/**
	 * Id of this application instance, shown with the quarantines and isolations it
	 * places. Defaults to the host name and a random suffix.
	 */
	private String instanceId;

	/**
	 * Redis state store settings, used when 'state-store' is 'redis'.
	 */
	private final Redis redis = new Redis();

	/**
	 * How member failures are classified beyond the built-in rules.
	 */
	private final Failures failures = new Failures();

	/**
	 * The workers of blocking member calls limited by a pool's 'timeouts.call', when the
	 * application has no 'applicationTaskExecutor' (Spring Boot's task executor, used
	 * when present).
	 */
	private final CallExecutor callExecutor = new CallExecutor();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isPreserveProviderErrors() {
		return this.preserveProviderErrors;
	}

	public void setPreserveProviderErrors(boolean preserveProviderErrors) {
		this.preserveProviderErrors = preserveProviderErrors;
	}

	public String getPrimary() {
		return this.primary;
	}

	public void setPrimary(String primary) {
		this.primary = primary;
	}

	/**
	 * Id of the pool whose bean is primary: {@link #getPrimary()} when set, else the only
	 * pool.
	 * @return the pool id, or {@code null} when no pool is primary
	 */
	public String primaryPoolId() {
		if (this.primary != null) {
			return this.primary;
		}
		return (this.pools.size() == 1) ? this.pools.keySet().iterator().next() : null;
	}

	/**
	 * Id of the embedding pool whose bean is the primary EmbeddingModel: the only one.
	 * @return the pool id, or {@code null} unless exactly one embedding pool is
	 * configured
	 */
	public String primaryEmbeddingPoolId() {
		return (this.embeddingPools.size() == 1) ? this.embeddingPools.keySet().iterator().next() : null;
	}

	public Map<String, Pool> getPools() {
		return this.pools;
	}

	public void setPools(Map<String, Pool> pools) {
		this.pools = pools;
	}

	public Map<String, EmbeddingPool> getEmbeddingPools() {
		return this.embeddingPools;
	}

	public Map<String, DeclaredEmbeddingModelProperties> getEmbeddingModels() {
		return this.embeddingModels;
	}

	public Map<String, DeclaredModelProperties> getModels() {
		return this.models;
	}

	public void setModels(Map<String, DeclaredModelProperties> models) {
		this.models = models;
	}

	public StoreKind getStateStore() {
		return this.stateStore;
	}

	public void setStateStore(StoreKind stateStore) {
		this.stateStore = stateStore;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public CallExecutor getCallExecutor() {
		return this.callExecutor;
	}

	public Failures getFailures() {
		return this.failures;
	}

	/**
	 * Failure classification for every pool.
	 */
	public static class Failures {

		/**
		 * Rules for providers the built-in classification does not know, tried in order
		 * before it; the first that matches decides.
		 */
		private List<Rule> rules = new ArrayList<>();

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

	}

	/**
	 * A failure rule: which failures it matches and what they are. The annotation only
	 * documents the nested properties in the configuration metadata.
	 */
	@ConfigurationProperties(prefix = "model-pool.failures.rules[*]")
	public static class Rule {

		/**
		 * Fully qualified class name of the exception; matches that class or a subclass
		 * anywhere in the failure's cause chain.
		 */
		private String exception;

		/**
		 * HTTP status the failure must carry; matched when the pool can read a status
		 * from it. Any status when unset.
		 */
		private Integer status;

		/**
		 * Text a message in the failure's cause chain must contain, any case. Any message
		 * when unset.
		 */
		private String messageContains;

		/**
		 * What a matching failure is: quota (moves the conversation), permanent
		 * (quarantines the member), transient (retried, then the call moves), request
		 * (reaches the caller unchanged) or context-length (the call moves to a larger
		 * window).
		 */
		private FailureRule.Kind kind;

		public String getException() {
			return this.exception;
		}

		public void setException(String exception) {
			this.exception = exception;
		}

		public Integer getStatus() {
			return this.status;
		}

		public void setStatus(Integer status) {
			this.status = status;
		}

		public String getMessageContains() {
			return this.messageContains;
		}

		public void setMessageContains(String messageContains) {
			this.messageContains = messageContains;
		}

		public FailureRule.Kind getKind() {
			return this.kind;
		}

		public void setKind(FailureRule.Kind kind) {
			this.kind = kind;
		}

		/**
		 * The rule the classifier applies.
		 * @return the rule
		 * @throws IllegalArgumentException when the rule is incomplete or invalid
		 */
		FailureRule toFailureRule() {
			return new FailureRule(this.exception, this.status, this.messageContains, this.kind);
		}

	}

	/**
	 * The pools' own workers of deadline-bound blocking calls.
	 */
	public static class CallExecutor {

		/**
		 * Most workers, all pools together.
		 */
		private int maxThreads = CallExecutors.DEFAULT_MAX_THREADS;

		/**
		 * Most calls waiting for a worker; a call beyond it is refused at once, blaming
		 * no member.
		 */
		private int queueCapacity = CallExecutors.DEFAULT_QUEUE_CAPACITY;

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

	/**
	 * The Redis state store.
	 */
	public static class Redis {

		/**
		 * Prefix of every key and channel the pools use in Redis.
		 */
		private String keyPrefix = RedisStoreDefaults.KEY_PREFIX;

		/**
		 * Longest wait for one Redis operation; past it the call goes on from this
		 * instance's state.
		 */
		private Duration timeout = RedisStoreDefaults.TIMEOUT;

		/**
		 * How often to check that Redis answers, to notice it away or back.
		 */
		private Duration checkInterval = RedisStoreDefaults.CHECK_INTERVAL;

		/**
		 * How often each instance tells the others what it used of each provider
		 * account with a known rate limit, and learns what they used, off the call path.
		 * Shorter is closer to the providers' count, at one script per account each time.
		 */
		private Duration usageExchangeInterval = RedisStoreDefaults.USAGE_EXCHANGE_INTERVAL;

		public Duration getUsageExchangeInterval() {
			return this.usageExchangeInterval;
		}

		public void setUsageExchangeInterval(Duration usageExchangeInterval) {
			this.usageExchangeInterval = usageExchangeInterval;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

	/**
	 * One pool: its members, how it routes and when it switches. The annotation only
	 * documents the nested properties in the configuration metadata; pools are bound as
	 * part of {@link ModelPoolProperties}.
	 */
	@ConfigurationProperties(prefix = "model-pool.pools.*")
	public static class Pool {

		/**
		 * Members in declaration order.
		 */
		private List<Member> members = new ArrayList<>();

		/**
		 * How sessions choose and keep members.
		 */
		private final Routing routing = new Routing();

		/**
		 * When sessions and calls leave their member.
		 */
		private final Switch switching = new Switch();

		/**
		 * How a member that failed transiently is tried again within one call.
		 */
		private final Retry retry = new Retry();

		/**
		 * Time limits the pool enforces itself, whatever each provider's HTTP settings say.
		 */
		private final Timeouts timeouts = new Timeouts();

		public List<Member> getMembers() {
			return this.members;
		}

		public void setMembers(List<Member> members) {
			this.members = members;
		}

		public Routing getRouting() {
			return this.routing;
		}

		public Switch getSwitch() {
			return this.switching;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Timeouts getTimeouts() {
			return this.timeouts;
		}

	}

	/**
	 * What every pool member has, chat or embedding: its id, share, role and the rate
	 * limits of the account behind its model.
	 */
	public abstract static class MemberSettings {

		/**
		 * Member id, unique in the pool ([A-Za-z0-9_-]+). Defaults to the bean name of the
		 * member's model.
		 */
		private String id;

		/**
		 * Relative share of the calls (chat: of the sessions) homed to this member.
		 */
		private int weight = 1;

		/**
		 * What the member may be used for: a home and failover target, or only a failover
		 * target.
		 */
		private MemberRole role = MemberRole.MEMBER;

		/**
		 * Requests per minute the provider account behind the member's model allows. The
		 * budget belongs to the model bean: every member over it, in every pool, shares
		 * it, so members over one model must not declare different values. When unset,
		 * the limit is learned from the provider's rate-limit headers (where the model
		 * exposes them) and from its rate-limited answers.
		 */
		private Long rpm;

		/**
		 * Tokens (prompt and answer) per minute the provider account behind the member's
		 * model allows; shared like {@code rpm}.
		 */
		private Long tpm;

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public int getWeight() {
			return this.weight;
		}

		public void setWeight(int weight) {
			this.weight = weight;
		}

		public MemberRole getRole() {
			return this.role;
		}

		public void setRole(MemberRole role) {
			this.role = role;
		}

		public Long getRpm() {
			return this.rpm;
		}

		public void setRpm(Long rpm) {
			this.rpm = rpm;
		}

		public Long getTpm() {
			return this.tpm;
		}

		public void setTpm(Long tpm) {
			this.tpm = tpm;
		}

		/**
		 * Bean name of the member's model.
		 * @return the name, or {@code null} when unset
		 */
		public abstract String modelBean();

		/**
		 * Member id as configured, else the model's bean name.
		 * @return the effective id
		 */
		public String effectiveId() {
			return (this.id != null) ? this.id : modelBean();
		}

	}

	/**
	 * One member of a pool. The annotation only documents the nested properties in the
	 * configuration metadata.
	 */
	@ConfigurationProperties(prefix = "model-pool.pools.*.members[*]")
	public static class Member extends MemberSettings {

		/**
		 * Bean name of the ChatModel this member calls.
		 */
		private String chatModel;

		/**
		 * Model name used for calls through this member. When unset, the chat model's
		 * default model is used.
		 */
		private String model;

		/**
		 * Context window of the member's model, in tokens. A context-length error moves the
		 * call to a member with a larger window.
		 */
		private Integer contextWindow;

		/**
		 * Whether this member may finish another member's broken stream, given the text so
		 * far as a trailing assistant message (prefill). Only for models that accept it.
		 */
		private Continuation continuation = Continuation.NONE;

		/**
		 * Time limits of this member in place of the pool's, such as a longer first-token
		 * timeout for a reasoning model.
		 */
		private final MemberTimeouts timeouts = new MemberTimeouts();

		public String getChatModel() {
			return this.chatModel;
		}

		public void setChatModel(String chatModel) {
			this.chatModel = chatModel;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public Integer getContextWindow() {
			return this.contextWindow;
		}

		public void setContextWindow(Integer contextWindow) {
			this.contextWindow = contextWindow;
		}

		public Continuation getContinuation() {
			return this.continuation;
		}

		public void setContinuation(Continuation continuation) {
			this.continuation = continuation;
		}

		public MemberTimeouts getTimeouts() {
			return this.timeouts;
		}

		@Override
		public String modelBean() {
			return this.chatModel;
		}

	}

	/**
	 * One embedding pool: members all of one embedding model, the length of its vectors,
	 * and how calls fail over. The annotation only documents the nested properties in the
	 * configuration metadata.
	 */
	@ConfigurationProperties(prefix = "model-pool.embedding-pools.*")
	public static class EmbeddingPool {

		/**
		 * Length of every vector the pool answers: its model's. Required; an answer of
		 * another length fails its call, so vectors of two models never mix.
		 */
		private Integer dimensions;

		/**
		 * Members in declaration order, all serving the same embedding model.
		 */
		private List<EmbeddingMember> members = new ArrayList<>();

		/**
		 * Which member a call starts on. Embedding calls have no conversation: each call
		 * is placed afresh.
		 */
		private final Placement routing = new Placement();

		/**
		 * When calls leave their member.
		 */
		private final FailoverSwitch switching = new FailoverSwitch();

		/**
		 * How a member that failed transiently is tried again within one call.
		 */
		private final Retry retry = new Retry();

		/**
		 * Time limit the pool enforces itself on each call.
		 */
		private final CallTimeout timeouts = new CallTimeout();

		public Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(Integer dimensions) {
			this.dimensions = dimensions;
		}

		public List<EmbeddingMember> getMembers() {
			return this.members;
		}

		public void setMembers(List<EmbeddingMember> members) {
			this.members = members;
		}

		public Placement getRouting() {
			return this.routing;
		}

		public FailoverSwitch getSwitch() {
			return this.switching;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public CallTimeout getTimeouts() {
			return this.timeouts;
		}

	}

	/**
	 * One member of an embedding pool. The annotation only documents the nested
	 * properties in the configuration metadata.
	 */
	@ConfigurationProperties(prefix = "model-pool.embedding-pools.*.members[*]")
	public static class EmbeddingMember extends MemberSettings {

		/**
		 * Bean name of the EmbeddingModel this member calls, declared under
		 * model-pool.embedding-models or not.
		 */
		private String embeddingModel;

		public String getEmbeddingModel() {
			return this.embeddingModel;
		}

		public void setEmbeddingModel(String embeddingModel) {
			this.embeddingModel = embeddingModel;
		}

		@Override
		public String modelBean() {
			return this.embeddingModel;
		}

	}

	/**
	 * Which member a call starts on.
	 */
	public static class Placement {

		/**
		 * How a call (chat: a new session) chooses its home member.
		 */
		private HomeStrategy home = RoutingPolicy.DEFAULTS.home();

		public HomeStrategy getHome() {
			return this.home;
		}

		public void setHome(HomeStrategy home) {
			this.home = home;
		}

	}

	/**
	 * How sessions choose and keep members.
	 */
	public static class Routing extends Placement {

		/**
		 * What a session follows: a conversation (thread) or one ChatClient call (run).
		 */
		private StickyScope stickyScope = RoutingPolicy.DEFAULTS.stickyScope();

		/**
		 * Most sessions remembered; the least recently used are forgotten first.
		 */
		private int maxSessions = RoutingPolicy.DEFAULTS.maxSessions();

		/**
		 * How long an unused session is remembered.
		 */
		private Duration sessionIdleTimeout = RoutingPolicy.DEFAULTS.sessionIdleTimeout();

		/**
		 * Idle time after which a switched session returns to its healthy home at its next
		 * call. When unset, sessions never return.
		 */
		private Duration returnHomeAfter = RoutingPolicy.DEFAULTS.returnHomeAfter();

		/**
		 * Whether a call with a conversation id gives members whose options carry a
		 * provider prompt-cache key (OpenAI's prompt_cache_key) one made from it: a
		 * SHA-256 prefix of the id, never the id itself, and never over a key the call
		 * set.
		 */
		private boolean forwardCacheKey = RoutingPolicy.DEFAULTS.forwardCacheKey();

		public StickyScope getStickyScope() {
			return this.stickyScope;
		}

		public void setStickyScope(StickyScope stickyScope) {
			this.stickyScope = stickyScope;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public Duration getSessionIdleTimeout() {
			return this.sessionIdleTimeout;
		}

		public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
			this.sessionIdleTimeout = sessionIdleTimeout;
		}

		public Duration getReturnHomeAfter() {
			return this.returnHomeAfter;
		}

		public void setReturnHomeAfter(Duration returnHomeAfter) {
			this.returnHomeAfter = returnHomeAfter;
		}

		public boolean isForwardCacheKey() {
			return this.forwardCacheKey;
		}

		public void setForwardCacheKey(boolean forwardCacheKey) {
			this.forwardCacheKey = forwardCacheKey;
		}

	}

	/**
	 * When calls leave their member: what chat and embedding pools share.
	 */
	public static class FailoverSwitch {

		/**
		 * Whether calls (chat: sessions) leave a member whose circuit breaker is open.
		 */
		private boolean onCircuitOpen = SwitchPolicy.DEFAULTS.onCircuitOpen();

		/**
		 * Whether a quota failure (HTTP 429, 529, overloaded) moves the call (chat: the
		 * session) to another member.
		 */
		private boolean onQuota = SwitchPolicy.DEFAULTS.onQuota();

		/**
		 * Longest Retry-After the call waits out on the same member (once per member)
		 * before retrying it; a longer or missing Retry-After moves the call (chat: the
		 * session) at once. When unset, quota failures are never waited out.
		 */
		private Duration quotaRetryAfterThreshold = SwitchPolicy.DEFAULTS.quotaRetryAfterThreshold();

		/**
		 * Whether a permanent failure (HTTP 401, 403, 404) moves the call (chat: the
		 * session) and quarantines the member.
		 */
		private boolean onPermanent = SwitchPolicy.DEFAULTS.onPermanent();

		/**
		 * Whether a transient failure (HTTP 5xx, reset, timeout, broken stream), once the
		 * member's retries are spent, moves the call to another member. A chat session
		 * stays on its member unless that member's breaker opens.
		 */
		private boolean onTransient = SwitchPolicy.DEFAULTS.onTransient();

		/**
		 * How long a permanently failed member stays out of every call. When unset, it
		 * stays out until an operator resets it.
		 */
		private Duration quarantineDuration = SwitchPolicy.DEFAULTS.quarantineDuration();

		public boolean isOnCircuitOpen() {
			return this.onCircuitOpen;
		}

		public void setOnCircuitOpen(boolean onCircuitOpen) {
			this.onCircuitOpen = onCircuitOpen;
		}

		public boolean isOnQuota() {
			return this.onQuota;
		}

		public void setOnQuota(boolean onQuota) {
			this.onQuota = onQuota;
		}

		public Duration getQuotaRetryAfterThreshold() {
			return this.quotaRetryAfterThreshold;
		}

		public void setQuotaRetryAfterThreshold(Duration quotaRetryAfterThreshold) {
			this.quotaRetryAfterThreshold = quotaRetryAfterThreshold;
		}

		public boolean isOnPermanent() {
			return this.onPermanent;
		}

		public void setOnPermanent(boolean onPermanent) {
			this.onPermanent = onPermanent;
		}

		public boolean isOnTransient() {
			return this.onTransient;
		}

		public void setOnTransient(boolean onTransient) {
			this.onTransient = onTransient;
		}

		public Duration getQuarantineDuration() {
			return this.quarantineDuration;
		}

		public void setQuarantineDuration(Duration quarantineDuration) {
			this.quarantineDuration = quarantineDuration;
		}

	}

	/**
	 * When sessions and calls leave their member.
	 */
	public static class Switch extends FailoverSwitch {

		/**
		 * Whether a context-length error moves the call, without counting against the
		 * member, to a member with a larger context-window (or, where none is declared, one
		 * serving a different model). The session stays.
		 */
		private boolean onContextLength = SwitchPolicy.DEFAULTS.onContextLength();

		/**
		 * Most switches of one session between two successful calls. When unset, there is
		 * no limit (a call still tries each member at most once).
		 */
		private Integer maxSwitchesPerSession = SwitchPolicy.DEFAULTS.maxSwitchesPerSession();

		public boolean isOnContextLength() {
			return this.onContextLength;
		}

		public void setOnContextLength(boolean onContextLength) {
			this.onContextLength = onContextLength;
		}

		public Integer getMaxSwitchesPerSession() {
			return this.maxSwitchesPerSession;
		}

		public void setMaxSwitchesPerSession(Integer maxSwitchesPerSession) {
			this.maxSwitchesPerSession = maxSwitchesPerSession;
		}

	}

	/**
	 * How a member that failed transiently is tried again within one call.
	 */
	public static class Retry {

		/**
		 * Most tries of one member within one call, the first included; 1 turns retries
		 * off. Timeouts are never retried on the same member.
		 */
		private int maxAttempts = RetryPolicy.DEFAULTS.maxAttempts();

		/**
		 * Wait before the first retry; later waits grow by the multiplier. Up to 20%
		 * random jitter is added.
		 */
		private Duration initialBackoff = RetryPolicy.DEFAULTS.initialBackoff();

		/**
		 * Factor by which each further wait grows.
		 */
		private double multiplier = RetryPolicy.DEFAULTS.multiplier();

		/**
		 * Longest wait between two tries of one member.
		 */
		private Duration maxBackoff = RetryPolicy.DEFAULTS.maxBackoff();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * The time limit of a whole call, which every pool enforces itself.
	 */
	public static class CallTimeout {

		/**
		 * Longest time for a whole blocking call or a whole stream, every retry, wait and
		 * member included. When unset, there is no limit.
		 */
		private Duration call;

		public Duration getCall() {
			return this.call;
		}

		public void setCall(Duration call) {
			this.call = call;
		}

	}

	/**
	 * Time limits the pool enforces itself.
	 */
	public static class Timeouts extends CallTimeout {

		/**
		 * Longest wait for a stream's first element, per member try; then the member's
		 * request is cancelled and the stream moves on. Reasoning models may think for a
		 * long time before their first token: raise it for them.
		 */
		private Duration firstToken = TimeoutPolicy.DEFAULTS.firstToken();

		/**
		 * Longest wait between two elements of a stream, per member try.
		 */
		private Duration idle = TimeoutPolicy.DEFAULTS.idle();

		public Duration getFirstToken() {
			return this.firstToken;
		}

		public void setFirstToken(Duration firstToken) {
			this.firstToken = firstToken;
		}

		public Duration getIdle() {
			return this.idle;
		}

		public void setIdle(Duration idle) {
			this.idle = idle;
		}

	}

	/**
	 * Time limits of one member in place of its pool's.
	 */
	public static class MemberTimeouts {

		/**
		 * Longest wait for this member's first stream element. When unset, the pool's.
		 */
		private Duration firstToken;

		/**
		 * Longest wait between two of this member's stream elements. When unset, the
		 * pool's.
		 */
		private Duration idle;

		public Duration getFirstToken() {
			return this.firstToken;
		}

		public void setFirstToken(Duration firstToken) {
			this.firstToken = firstToken;
		}

		public Duration getIdle() {
			return this.idle;
		}

		public void setIdle(Duration idle) {
			this.idle = idle;
		}

	}

}
