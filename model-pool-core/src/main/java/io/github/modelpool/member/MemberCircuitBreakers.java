package io.github.modelpool.member;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Member circuit breakers, taken from the application's {@link CircuitBreakerRegistry}
 * by the name {@code <pool>-<member>}, so Resilience4j's properties, metrics, health and
 * endpoints cover them.
 * <p>
 * A breaker configured under {@code resilience4j.circuitbreaker.instances.<pool>-<member>}
 * is used as is. Others use the shared configuration
 * {@code resilience4j.circuitbreaker.configs.model-pool} when defined, else the pool
 * defaults: open after 5 consecutive failures, stay open 10 s, then admit 1 probe whose
 * success closes the breaker. The short open state lets a member that recovers take
 * traffic again within seconds; a probe that fails costs one try, which the pool's retry
 * loop rescues on another member.
 */
public final class MemberCircuitBreakers {

	/** Name of the shared Resilience4j configuration for member breakers. */
	public static final String SHARED_CONFIG_NAME = "model-pool";

	/** Configuration of member breakers the user did not configure. */
	public static final CircuitBreakerConfig POOL_DEFAULTS = CircuitBreakerConfig.custom()
		.slidingWindowType(SlidingWindowType.COUNT_BASED)
		.slidingWindowSize(5)
		.minimumNumberOfCalls(5)
		.failureRateThreshold(100)
		.waitDurationInOpenState(Duration.ofSeconds(10))
		.permittedNumberOfCallsInHalfOpenState(1)
		.automaticTransitionFromOpenToHalfOpenEnabled(true)
		// Long answers are normal for language models: slowness alone never opens a breaker.
		.slowCallDurationThreshold(Duration.ofDays(1))
		.build();

	private final CircuitBreakerRegistry registry;

	public MemberCircuitBreakers(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Name of a member's breaker.
	 * @param poolId pool id
	 * @param memberId member id
	 * @return {@code <pool>-<member>}
	 */
	public static String name(String poolId, String memberId) {
		return poolId + "-" + memberId;
	}

	/**
	 * The breaker of a member.
	 * @param poolId pool id
	 * @param memberId member id
	 * @return the registry's breaker of that name
	 */
	public CircuitBreaker forMember(String poolId, String memberId) {
		String name = name(poolId, memberId);
		return this.registry.find(name)
			.orElseGet(() -> this.registry.circuitBreaker(name,
					this.registry.getConfiguration(SHARED_CONFIG_NAME).orElse(POOL_DEFAULTS)));
	}

}
