package io.github.modelpool.pool;

import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.routing.TimeoutPolicy;

/**
 * A pool's settings, as the attempt loop reads them.
 */
record PoolPolicies(RoutingPolicy routing, SwitchPolicy switching, RetryPolicy retry, TimeoutPolicy timeouts) {
}
