package io.github.modelpool.autoconfigure;

import java.time.Clock;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.failure.DefaultFailureClassifier;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.FailureRule;
import io.github.modelpool.failure.RuleFailureClassifier;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.CallMode;
import io.github.modelpool.pool.CallOutcome;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPoolObservationConvention;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;
import io.github.modelpool.pool.PoolListener;
import io.github.modelpool.pool.SwitchReason;
import io.github.modelpool.state.StateStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of model pools: one {@link ChatModel} bean per pool configured
 * under {@code model-pool.pools}, one {@code EmbeddingModel} bean per pool under
 * {@code model-pool.embedding-pools}, member breakers from the application's
 * {@link CircuitBreakerRegistry}, and the advisor that carries {@code ChatClient}
 * routing keys to the pools.
 */
@AutoConfiguration(afterName = { BootLine.RESILIENCE4J_CIRCUIT_BREAKER_AUTO_CONFIGURATION,
		BootLine.DATA_REDIS_AUTO_CONFIGURATION })
@ConditionalOnClass({ ChatModel.class, CircuitBreaker.class, Caffeine.class })
@ConditionalOnProperty(prefix = ModelPoolProperties.PREFIX, name = "enabled", havingValue = "true",
		matchIfMissing = true)
@EnableConfigurationProperties(ModelPoolProperties.class)
@Import({ DeclaredModelConfiguration.class, RetryWarningConfiguration.class,
		SdkClientRetryWarningConfiguration.class, ChatClientRoutingConfiguration.class, StateStoreConfiguration.class })
@ImportRuntimeHints(ModelPoolRuntimeHints.class)
public final class ModelPoolAutoConfiguration {

	@Bean
	static ModelPoolBeanRegistrar modelPoolBeanRegistrar(Environment environment) {
		return new ModelPoolBeanRegistrar(environment);
	}

	/**
	 * The built-in classification, after the rules under
	 * {@code model-pool.failures.rules} when there are any.
	 */
	@Bean
	@ConditionalOnMissingBean
	FailureClassifier modelPoolFailureClassifier(ModelPoolProperties properties) {
		FailureClassifier builtIn = new DefaultFailureClassifier();
		List<FailureRule> rules = properties.getFailures()
			.getRules()
			.stream()
			.map(ModelPoolProperties.Rule::toFailureRule)
			.toList();
		return rules.isEmpty() ? builtIn : new RuleFailureClassifier(rules, builtIn);
	}

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry circuitBreakerRegistry() {
		return CircuitBreakerRegistry.ofDefaults();
	}

	@Bean
	@ConditionalOnMissingBean
	ModelPoolFactory modelPoolFactory(ListableBeanFactory beanFactory, ModelPoolProperties properties,
			CircuitBreakerRegistry circuitBreakerRegistry, FailureClassifier failureClassifier,
			ObjectProvider<PoolListener> listeners, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ModelPoolObservationConvention> observationConvention, StateStore stateStore) {
		return new ModelPoolFactory(beanFactory, properties, new MemberCircuitBreakers(circuitBreakerRegistry),
				failureClassifier, new CompositePoolListener(listeners.orderedStream().toList()),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				observationConvention.getIfUnique(() -> null), stateStore, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ModelPools modelPools(ObjectProvider<Pool> pools) {
		return ModelPools.lazily(() -> pools.orderedStream().toList());
	}

	@Bean
	ModelPoolsLifecycle modelPoolsLifecycle(ModelPools pools) {
		return new ModelPoolsLifecycle(pools);
	}

	/**
	 * Tells every listener bean.
	 */
	private record CompositePoolListener(List<PoolListener> listeners) implements PoolListener {

		@Override
		public void onMemberCall(String pool, PoolMember member, CallOutcome outcome, CallMode mode, long nanos) {
			this.listeners.forEach((listener) -> listener.onMemberCall(pool, member, outcome, mode, nanos));
		}

		@Override
		public void onSwitch(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
			this.listeners.forEach((listener) -> listener.onSwitch(pool, from, to, reason));
		}

	}

}
