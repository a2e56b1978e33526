package io.github.modelpool.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What a simulated member does instead of (or before) answering normally.
 *
 * @param status HTTP status to answer with, or {@code 200} to answer normally
 * @param retryAfter value of the {@code Retry-After} header, or {@code null} for none
 * @param body response body to send with an error status, or {@code null} for the
 * provider's usual error body
 * @param cutAfterChunks number of stream chunks sent before the connection is cut, or
 * {@code -1} to finish streams normally; {@code 0} drops any request's connection before
 * answering, as a reset does
 * @param delay time to wait before answering
 */
public record Fault(int status, String retryAfter, String body, int cutAfterChunks, Duration delay) {

	/** Answer normally, at once. */
	public static final Fault NONE = new Fault(200, null, null, -1, Duration.ZERO);

	public Fault {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be an HTTP status code, got " + status);
		}
		if (cutAfterChunks < -1) {
			throw new IllegalArgumentException("cutAfterChunks must be -1 or more, got " + cutAfterChunks);
		}
		delay = Objects.requireNonNullElse(delay, Duration.ZERO);
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, got " + delay);
		}
	}

	/**
	 * Answer with the given HTTP status and the provider's usual error body.
	 * @param status HTTP status
	 * @return the fault
	 */
	public static Fault status(int status) {
		return new Fault(status, null, null, -1, Duration.ZERO);
	}

	/**
	 * Stream normally but cut the connection after some chunks.
	 * @param chunks chunks to send before the cut
	 * @return the fault
	 */
	public static Fault cutStreamAfter(int chunks) {
		return new Fault(200, null, null, chunks, Duration.ZERO);
	}

	/**
	 * Drop the connection before answering anything, blocking requests and streams alike.
	 * @return the fault
	 */
	public static Fault reset() {
		return new Fault(200, null, null, 0, Duration.ZERO);
	}

	/**
	 * Whether this fault drops the connection before any answer.
	 * @return {@code true} for a reset
	 */
	public boolean isReset() {
		return this.cutAfterChunks == 0;
	}

	/**
	 * Answer normally after a delay.
	 * @param delay the delay
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		return new Fault(200, null, null, -1, delay);
	}

	public Fault withRetryAfter(String retryAfter) {
		return new Fault(this.status, retryAfter, this.body, this.cutAfterChunks, this.delay);
	}

	public Fault withBody(String body) {
		return new Fault(this.status, this.retryAfter, body, this.cutAfterChunks, this.delay);
	}

	public Fault withDelay(Duration delay) {
		return new Fault(this.status, this.retryAfter, this.body, this.cutAfterChunks, delay);
	}

	/**
	 * Whether this fault answers with an error status.
	 * @return {@code true} for a status of 400 or more
	 */
	public boolean isError() {
		return this.status >= 400;
	}

}
