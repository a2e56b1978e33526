package io.github.modelpool.routing;

import java.time.Duration;

/**
 * How a pool chooses and keeps members for sessions.
 *
 * @param home how new sessions choose their home
 * @param stickyScope what a session follows
 * @param maxSessions most sessions remembered; least recently used ones are forgotten
 * @param sessionIdleTimeout how long an unused session is remembered
 * @param returnHomeAfter idle time after which a switched session returns to its healthy
 * home; {@code null} never returns
 * @param forwardCacheKey whether a call with a conversation id gives members whose options
 * carry a provider prompt-cache key one made from it
 */
public record RoutingPolicy(HomeStrategy home, StickyScope stickyScope, int maxSessions,
		Duration sessionIdleTimeout, Duration returnHomeAfter, boolean forwardCacheKey) {

	/**
	 * Deterministic homes per conversation, 10,000 sessions idle for at most an hour,
	 * prompt-cache keys forwarded.
	 */
	public static final RoutingPolicy DEFAULTS = new RoutingPolicy(HomeStrategy.DETERMINISTIC, StickyScope.THREAD,
			10_000, Duration.ofHours(1), null, true);

	public RoutingPolicy {
		PolicyArguments.required("home", home);
		PolicyArguments.required("stickyScope", stickyScope);
		PolicyArguments.greaterThanZero("maxSessions", maxSessions);
		PolicyArguments.positive("sessionIdleTimeout", sessionIdleTimeout, false);
		PolicyArguments.positive("returnHomeAfter", returnHomeAfter, true);
	}

	/**
	 * A policy that forwards prompt-cache keys as {@link #DEFAULTS} does.
	 * @param home how new sessions choose their home
	 * @param stickyScope what a session follows
	 * @param maxSessions most sessions remembered
	 * @param sessionIdleTimeout how long an unused session is remembered
	 * @param returnHomeAfter idle time after which a switched session returns home, or
	 * {@code null}
	 */
	public RoutingPolicy(HomeStrategy home, StickyScope stickyScope, int maxSessions, Duration sessionIdleTimeout,
			Duration returnHomeAfter) {
		this(home, stickyScope, maxSessions, sessionIdleTimeout, returnHomeAfter, DEFAULTS.forwardCacheKey());
	}

}
