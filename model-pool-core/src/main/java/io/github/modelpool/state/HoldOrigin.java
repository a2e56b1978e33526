package io.github.modelpool.state;

/**
 * Which application instance placed a member's quarantine or isolation.
 */
public enum HoldOrigin {

	/** The instance reporting it. */
	THIS_INSTANCE,

	/** Another instance sharing the state store. */
	OTHER_INSTANCE

}
