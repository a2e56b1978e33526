package io.github.modelpool.benchmarks;

import java.time.Clock;
import java.util.List;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.ai.chat.model.ChatModel;

/**
 * The pool the benchmarks measure: three members (a, b, c) over one in-memory model,
 * deterministic homes per conversation.
 */
final class InMemoryPools {

	private InMemoryPools() {
	}

	/**
	 * A started pool.
	 * @param id the pool's id
	 * @param member the model every member calls
	 * @param maxSessions sessions it remembers
	 * @return the pool, started
	 */
	static ModelPool threeMembers(String id, ChatModel member, int maxSessions) {
		MemberCircuitBreakers breakers = new MemberCircuitBreakers(CircuitBreakerRegistry.ofDefaults());
		ModelPool.Builder builder = ModelPool.builder(id)
			.routing(new RoutingPolicy(HomeStrategy.DETERMINISTIC, StickyScope.THREAD, maxSessions,
					RoutingPolicy.DEFAULTS.sessionIdleTimeout(), null));
		for (String memberId : List.of("a", "b", "c")) {
			builder.member(new PoolMember(new RouteMember(memberId, 1, MemberRole.MEMBER), memberId, member, null,
					breakers.forMember(id, memberId), Clock.systemUTC()));
		}
		ModelPool pool = builder.build();
		pool.start();
		return pool;
	}

}
