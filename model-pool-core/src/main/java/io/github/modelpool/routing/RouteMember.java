package io.github.modelpool.routing;

import java.util.Objects;

/**
 * A member as the router sees it.
 *
 * @param id member id, unique in its pool
 * @param weight relative share of homes, greater than zero
 * @param role what the member may be used for
 */
public record RouteMember(String id, int weight, MemberRole role) {

	public RouteMember {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(role, "role must not be null");
		if (weight <= 0) {
			throw new IllegalArgumentException("weight of member '" + id + "' must be greater than 0");
		}
	}

}
