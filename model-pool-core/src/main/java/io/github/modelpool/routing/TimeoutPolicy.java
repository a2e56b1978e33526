package io.github.modelpool.routing;

import java.time.Duration;

/**
 * Time limits the pool enforces itself, whatever each provider's HTTP settings say. A
 * {@code null} limit is no limit.
 *
 * @param firstToken longest wait for a stream's first element, per member try
 * @param idle longest wait between two elements of a stream, per member try
 * @param call longest time for a whole blocking call or a whole stream, every try and
 * wait included
 */
public record TimeoutPolicy(Duration firstToken, Duration idle, Duration call) {

	/** 30 s to a stream's first element and between elements, no limit on whole calls. */
	public static final TimeoutPolicy DEFAULTS = new TimeoutPolicy(Duration.ofSeconds(30), Duration.ofSeconds(30),
			null);

	public TimeoutPolicy {
		PolicyArguments.positive("firstToken", firstToken, true);
		PolicyArguments.positive("idle", idle, true);
		PolicyArguments.positive("call", call, true);
	}

	/**
	 * These limits with a member's own limits in place of the pool's where it sets them.
	 * @param overrides the member's limits, {@code null} fields inherit
	 * @return the effective limits
	 */
	public TimeoutPolicy overriddenBy(TimeoutPolicy overrides) {
		if (overrides == null) {
			return this;
		}
		return new TimeoutPolicy((overrides.firstToken != null) ? overrides.firstToken : this.firstToken,
				(overrides.idle != null) ? overrides.idle : this.idle,
				(overrides.call != null) ? overrides.call : this.call);
	}

}
