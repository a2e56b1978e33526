package io.github.modelpool.routing;

/**
 * What a member may be used for.
 */
public enum MemberRole {

	/**
	 * May be a session's home and a failover target.
	 */
	MEMBER,

	/**
	 * Only a failover target, never a home.
	 */
	FAILOVER_ONLY;

	/**
	 * Whether members of this role may be a session's home.
	 * @return {@code true} for {@link #MEMBER}
	 */
	public boolean isHomeEligible() {
		return this == MEMBER;
	}

}
