package io.github.modelpool.pool;

import java.util.List;

import io.github.modelpool.member.ModelType;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;

/**
 * A pool as operators see it at one moment.
 *
 * @param id pool id
 * @param type what the pool pools
 * @param dimensions length of every vector an embedding pool answers, {@code null} for a
 * chat pool
 * @param routing routing policy
 * @param switching switch policy
 * @param retry how members are retried within a call
 * @param timeouts the pool's own time limits
 * @param sessions sessions remembered now
 * @param switches session switches since start
 * @param anonymousCalls calls without routing key since start
 * @param members members in declaration order
 */
public record PoolSnapshot(String id, ModelType type, Integer dimensions, RoutingPolicy routing, SwitchPolicy switching, RetryPolicy retry,
		TimeoutPolicy timeouts, long sessions, long switches,
		long anonymousCalls, List<MemberSnapshot> members) {

	public PoolSnapshot {
		members = List.copyOf(members);
	}

}
