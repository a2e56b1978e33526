package io.github.modelpool.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.github.modelpool.autoconfigure.ModelPoolProperties.EmbeddingMember;
import io.github.modelpool.autoconfigure.ModelPoolProperties.FailoverSwitch;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Member;
import io.github.modelpool.autoconfigure.ModelPoolProperties.MemberTimeouts;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Placement;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Pool;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Retry;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Routing;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Switch;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Timeouts;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.CallExecutors;
import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPoolObservationConvention;
import io.github.modelpool.pool.PoolListener;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.StateStore;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds the configured pools from their properties and the application's beans. Their
 * deadline-bound blocking calls run on Spring Boot's {@code applicationTaskExecutor} when
 * the application has one (on virtual threads when {@code spring.threads.virtual.enabled}),
 * else on one bounded executor of the pools' own ({@code model-pool.call-executor.*}),
 * shut down when the factory closes with the context.
 */
final class ModelPoolFactory implements AutoCloseable {

	/** Spring Boot's task executor. */
	static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	private final ListableBeanFactory beanFactory;

	private final ModelPoolProperties properties;

	private final MemberCircuitBreakers circuitBreakers;

	private final FailureClassifier classifier;

	private final PoolListener listener;

	private final ObservationRegistry observationRegistry;

	private final ModelPoolObservationConvention observationConvention;

	private final StateStore stateStore;

	private final Clock clock;

	private final AccountBudgets budgets;

	private final Object callExecutorLock = new Object();

	private Executor callExecutor;

	private ExecutorService ownCallExecutor;

	ModelPoolFactory(ListableBeanFactory beanFactory, ModelPoolProperties properties,
			MemberCircuitBreakers circuitBreakers, FailureClassifier classifier, PoolListener listener,
			ObservationRegistry observationRegistry, ModelPoolObservationConvention observationConvention,
			StateStore stateStore, Clock clock) {
		this.stateStore = stateStore;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.circuitBreakers = circuitBreakers;
		this.classifier = classifier;
		this.listener = listener;
		this.clock = clock;
		this.budgets = new AccountBudgets(properties);
	}

	/**
	 * Build a configured pool.
	 * @param poolId pool id
	 * @return the pool
	 * @throws InvalidModelPoolConfigurationException when a member names a bean that is
	 * missing or not a ChatModel
	 */
	ModelPool create(String poolId) {
		Pool pool = this.properties.getPools().get(poolId);
		if (pool == null) {
			throw new IllegalArgumentException("No model pool '" + poolId + "' is configured");
		}
		List<PoolMember> members = new ArrayList<>();
		for (int i = 0; i < pool.getMembers().size(); i++) {
			members.add(member(poolId, i, pool.getMembers().get(i)));
		}
		return withApplicationServices(ModelPool.builder(poolId)).members(members)
			.routing(routingPolicy(pool.getRouting()))
			.switching(switchPolicy(pool.getSwitch()))
			.retry(retryPolicy(pool.getRetry()))
			.timeouts(timeoutPolicy(pool.getTimeouts()))
			.build();
	}

	/**
	 * Build a configured embedding pool.
	 * @param poolId pool id
	 * @return the pool
	 * @throws InvalidModelPoolConfigurationException when a member names a bean that is
	 * missing or not an EmbeddingModel
	 */
	EmbeddingPool createEmbedding(String poolId) {
		ModelPoolProperties.EmbeddingPool pool = this.properties.getEmbeddingPools().get(poolId);
		if (pool == null) {
			throw new IllegalArgumentException("No embedding pool '" + poolId + "' is configured");
		}
		List<PoolMember> members = new ArrayList<>();
		for (int i = 0; i < pool.getMembers().size(); i++) {
			members.add(embeddingMember(poolId, i, pool.getMembers().get(i)));
		}
		return withApplicationServices(EmbeddingPool.builder(poolId)).dimensions(pool.getDimensions())
			.members(members)
			.routing(embeddingRoutingPolicy(pool.getRouting()))
			.switching(switchPolicy(pool.getSwitch()))
			.retry(retryPolicy(pool.getRetry()))
			.timeouts(new TimeoutPolicy(null, null, pool.getTimeouts().getCall()))
			.build();
	}

	/**
	 * What every pool, chat or embedding, takes from the application: failure
	 * classification, listeners, observations, the clock, the state store and the call
	 * executor.
	 */
	private <B extends io.github.modelpool.pool.Pool.Builder<B>> B withApplicationServices(B builder) {
		return builder.classifier(this.classifier)
			.listener(this.listener)
			.observationRegistry(this.observationRegistry)
			.observationConvention(this.observationConvention)
			.clock(this.clock)
			.stateStore(this.stateStore)
			.callExecutor(callExecutor());
	}

	/**
	 * The executor every pool runs its deadline-bound blocking calls on, chosen once.
	 */
	Executor callExecutor() {
		synchronized (this.callExecutorLock) {
			if (this.callExecutor == null) {
				if (this.beanFactory.containsBean(APPLICATION_TASK_EXECUTOR)
						&& this.beanFactory.isTypeMatch(APPLICATION_TASK_EXECUTOR, Executor.class)) {
					this.callExecutor = this.beanFactory.getBean(APPLICATION_TASK_EXECUTOR, Executor.class);
				}
				else {
					ModelPoolProperties.CallExecutor own = this.properties.getCallExecutor();
					this.ownCallExecutor = CallExecutors.bounded("model-pool-call", own.getMaxThreads(),
							own.getQueueCapacity());
					this.callExecutor = this.ownCallExecutor;
				}
			}
			return this.callExecutor;
		}
	}

	/** Shut the pools' own call workers down, once their calls end. */
	@Override
	public void close() {
		synchronized (this.callExecutorLock) {
			if (this.ownCallExecutor != null) {
				this.ownCallExecutor.shutdown();
			}
		}
	}

	private PoolMember member(String poolId, int index, Member member) {
		String beanName = member.getChatModel();
		ChatModel chatModel = bean(beanName, ChatModel.class, PoolPropertiesValidator.memberProperty(poolId, index)
				+ ".chat-model", this.properties.getPools().keySet());
		String memberId = member.effectiveId();
		RouteMember route = new RouteMember(memberId, member.getWeight(), member.getRole(), member.getContextWindow(),
				member.getContinuation());
		MemberTimeouts timeouts = member.getTimeouts();
		TimeoutPolicy overrides = (timeouts.getFirstToken() != null || timeouts.getIdle() != null)
				? new TimeoutPolicy(timeouts.getFirstToken(), timeouts.getIdle(), null) : null;
		return PoolMember.builder(route, chatModel, this.circuitBreakers.forMember(poolId, memberId))
			.chatModelName(beanName)
			.model(member.getModel())
			.clock(this.clock)
			.timeouts(overrides)
			.budget(this.budgets.forModel(beanName))
			.build();
	}

	private PoolMember embeddingMember(String poolId, int index, EmbeddingMember member) {
		String beanName = member.getEmbeddingModel();
		EmbeddingModel embeddingModel = bean(beanName, EmbeddingModel.class,
				PoolPropertiesValidator.embeddingMemberProperty(poolId, index) + ".embedding-model",
				this.properties.getEmbeddingPools().keySet());
		String memberId = member.effectiveId();
		DeclaredEmbeddingModelProperties declared = this.properties.getEmbeddingModels().get(beanName);
		return PoolMember
			.builder(new RouteMember(memberId, member.getWeight(), member.getRole()), embeddingModel,
					this.circuitBreakers.forMember(poolId, memberId))
			.modelBeanName(beanName)
			.model((declared != null) ? declared.getModel() : null)
			.clock(this.clock)
			.budget(this.budgets.forModel(beanName))
			.build();
	}

	/**
	 * The bean a member names, of the type its pool pools.
	 * @param pools the ids of the pools of that type, which are beans of it too
	 */
	private <T> T bean(String beanName, Class<T> type, String property, Set<String> pools) {
		if (!this.beanFactory.containsBean(beanName)) {
			throw new InvalidModelPoolConfigurationException(property, beanName,
					"no bean named '" + beanName + "'; " + type.getSimpleName() + " beans: " + beanNames(type, pools));
		}
		if (!this.beanFactory.isTypeMatch(beanName, type)) {
			throw new InvalidModelPoolConfigurationException(property, beanName, "bean '" + beanName + "' is not "
					+ (type.getSimpleName().startsWith("E") ? "an " : "a ") + type.getSimpleName() + "; "
					+ type.getSimpleName() + " beans: " + beanNames(type, pools));
		}
		return this.beanFactory.getBean(beanName, type);
	}

	private List<String> beanNames(Class<?> type, Set<String> pools) {
		return Arrays.stream(this.beanFactory.getBeanNamesForType(type, true, false))
			.filter((name) -> !pools.contains(name))
			.sorted()
			.toList();
	}

	/**
	 * An embedding pool places each call afresh: only the home strategy applies.
	 */
	static RoutingPolicy embeddingRoutingPolicy(Placement placement) {
		RoutingPolicy defaults = RoutingPolicy.DEFAULTS;
		return new RoutingPolicy(placement.getHome(), defaults.stickyScope(), defaults.maxSessions(),
				defaults.sessionIdleTimeout(), null, false);
	}

	static RoutingPolicy routingPolicy(Routing routing) {
		return new RoutingPolicy(routing.getHome(), routing.getStickyScope(), routing.getMaxSessions(),
				routing.getSessionIdleTimeout(), routing.getReturnHomeAfter(), routing.isForwardCacheKey());
	}

	/**
	 * The switch policy of a pool; an embedding pool's has no session or context-length
	 * settings (the embedding pool itself never moves a call on context length).
	 */
	static SwitchPolicy switchPolicy(FailoverSwitch switching) {
		SwitchPolicy.Builder builder = SwitchPolicy.builder()
			.onCircuitOpen(switching.isOnCircuitOpen())
			.onQuota(switching.isOnQuota())
			.quotaRetryAfterThreshold(switching.getQuotaRetryAfterThreshold())
			.onPermanent(switching.isOnPermanent())
			.onTransient(switching.isOnTransient())
			.quarantineDuration(switching.getQuarantineDuration());
		if (switching instanceof Switch chat) {
			builder.onContextLength(chat.isOnContextLength()).maxSwitchesPerSession(chat.getMaxSwitchesPerSession());
		}
		return builder.build();
	}

	static RetryPolicy retryPolicy(Retry retry) {
		return new RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMultiplier(),
				retry.getMaxBackoff());
	}

	static TimeoutPolicy timeoutPolicy(Timeouts timeouts) {
		return new TimeoutPolicy(timeouts.getFirstToken(), timeouts.getIdle(), timeouts.getCall());
	}

}
