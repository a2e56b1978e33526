package io.github.modelpool.pool;

import java.util.List;

import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;

/**
 * A pool as operators see it at one moment.
 *
 * @param id pool id
 * @param routing routing policy
 * @param switching switch policy
 * @param retry how members are retried within a call
 * @param timeouts the pool's own time limits
 * @param sessions sessions remembered now
 * @param switches session switches since start
 * @param anonymousCalls calls without routing key since start
 * @param members members in declaration order
 */
public record PoolSnapshot(String id, RoutingPolicy routing, SwitchPolicy switching, RetryPolicy retry,
		TimeoutPolicy timeouts, long sessions, long switches,
		long anonymousCalls, List<MemberSnapshot> members) {

	public PoolSnapshot {
		members = List.copyOf(members);
	}

}
