package io.github.modelpool.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.PoolListener;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.ai.chat.model.ChatModel;

/**
 * Builds pools over given chat models, or over a provider's models that {@link MemberModels}
 * makes (each platform line's tests make real Spring AI models talking to a simulator).
 * Member breakers use the pool defaults on the fixture's fake time, without automatic
 * half-open transition, so tests move time instead of waiting.
 */
public final class PoolFixture {

	private final MemberModels models;

	private final String poolId;

	private final FakeTime time = new FakeTime();

	private final List<PoolMember> members = new ArrayList<>();

	private CircuitBreakerRegistry registry;

	/**
	 * A fixture whose members are the chat models the test gives.
	 * @param poolId the pool's id
	 */
	public PoolFixture(String poolId) {
		this(MemberModels.NONE, poolId);
	}

	/**
	 * A fixture that can also add provider members by name.
	 * @param models makes a provider's model for a member
	 * @param poolId the pool's id
	 */
	public PoolFixture(MemberModels models, String poolId) {
		this.models = models;
		this.poolId = poolId;
		breakers(UnaryOperator.identity());
	}

	/**
	 * Change the breaker configuration of members added from now on.
	 * @param customizer changes to the test defaults
	 * @return this fixture
	 */
	public PoolFixture breakers(UnaryOperator<CircuitBreakerConfig.Builder> customizer) {
		CircuitBreakerConfig config = customizer.apply(CircuitBreakerConfig.from(MemberCircuitBreakers.POOL_DEFAULTS)
			.clock(this.time)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)).build();
		this.registry = CircuitBreakerRegistry.of(config);
		this.registry.addConfiguration(MemberCircuitBreakers.SHARED_CONFIG_NAME, config);
		return this;
	}

	public FakeTime time() {
		return this.time;
	}

	public PoolFixture openAi(String id) {
		return member(id, 1, MemberRole.MEMBER, this.models.openAi(id, "gpt-" + id), null);
	}

	public PoolFixture anthropic(String id) {
		return member(id, 1, MemberRole.MEMBER, this.models.anthropic(id, "claude-" + id), null);
	}

	public PoolFixture member(String id, int weight, MemberRole role, ChatModel model, String modelOverride) {
		this.members.add(new PoolMember(new RouteMember(id, weight, role), id + "ChatModel", model, modelOverride,
				new MemberCircuitBreakers(this.registry).forMember(this.poolId, id), this.time));
		return this;
	}

	public PoolFixture member(RouteMember route, ChatModel model) {
		this.members.add(new PoolMember(route, route.id() + "ChatModel", model, null,
				new MemberCircuitBreakers(this.registry).forMember(this.poolId, route.id()), this.time));
		return this;
	}

	public ModelPool build(UnaryOperator<ModelPool.Builder> customizer) {
		return customizer.apply(ModelPool.builder(this.poolId)
			.members(this.members)
			.ticker(this.time)
			.clock(this.time)
			.listener(PoolListener.NONE)).build();
	}

	public ModelPool build() {
		return build(UnaryOperator.identity());
	}

}
