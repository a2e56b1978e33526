package io.github.modelpool.routing;

import java.util.Objects;

/**
 * A member as the router sees it.
 *
 * @param id member id, unique in its pool
 * @param weight relative share of homes, greater than zero
 * @param role what the member may be used for
 * @param contextWindow the member's context window in tokens, or {@code null} when not
 * declared
 * @param continuation whether the member may finish another member's streamed answer
 */
public record RouteMember(String id, int weight, MemberRole role, Integer contextWindow, Continuation continuation) {

	public RouteMember {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(role, "role must not be null");
		Objects.requireNonNull(continuation, "continuation must not be null");
		if (weight <= 0) {
			throw new IllegalArgumentException("weight of member '" + id + "' must be greater than 0");
		}
		if (contextWindow != null && contextWindow <= 0) {
			throw new IllegalArgumentException("context window of member '" + id + "' must be greater than 0");
		}
	}

	/**
	 * A member without declared context window that never continues other answers.
	 * @param id member id
	 * @param weight relative share of homes
	 * @param role what the member may be used for
	 */
	public RouteMember(String id, int weight, MemberRole role) {
		this(id, weight, role, null, Continuation.NONE);
	}

	/**
	 * Whether this member declares a larger context window than another.
	 * @param other the other member
	 * @return {@code true} when both declare windows and this one is larger
	 */
	public boolean hasLargerContextWindowThan(RouteMember other) {
		return this.contextWindow != null && other.contextWindow != null && this.contextWindow > other.contextWindow;
	}

}
