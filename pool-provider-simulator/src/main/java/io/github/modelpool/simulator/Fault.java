package io.github.modelpool.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What a simulated member does instead of (or before) answering normally.
 *
 * @param status HTTP status to answer with, or {@code 200} to answer normally
 * @param retryAfter value of the {@code Retry-After} header, or {@code null} for none
 * @param body response body to send instead of the answer, with the status (an error
 * status, or 200 for an error the provider reports inside a success), or {@code null}
 * for the provider's usual error body
 * @param delay time to wait before answering (before the headers)
 * @param ending how a streamed answer ends
 * @param chunks stream chunks sent before the {@code ending} takes effect; ignored for
 * {@link Ending#COMPLETE}
 * @param problem a request problem the member answers with HTTP 400 in the provider's
 * own words
 */
public record Fault(int status, String retryAfter, String body, Duration delay, Ending ending, int chunks,
		Problem problem) {

	/** Answer normally, at once. */
	public static final Fault NONE = new Fault(200, null, null, Duration.ZERO, Ending.COMPLETE, 0, Problem.NONE);

	/** How long a member that never answers stays silent before giving up itself. */
	static final Duration SILENCE = Duration.ofMinutes(10);

	public Fault {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be an HTTP status code, got " + status);
		}
		if (chunks < 0) {
			throw new IllegalArgumentException("chunks must not be negative, got " + chunks);
		}
		delay = Objects.requireNonNullElse(delay, Duration.ZERO);
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, got " + delay);
		}
		ending = Objects.requireNonNullElse(ending, Ending.COMPLETE);
		problem = Objects.requireNonNullElse(problem, Problem.NONE);
	}

	/**
	 * How a streamed answer ends.
	 */
	public enum Ending {

		/** With its finish chunk, as a healthy provider ends it. */
		COMPLETE,

		/**
		 * The connection drops after the chunks; with none, before any answer, which also
		 * drops blocking requests (a reset).
		 */
		CUT,

		/** Nothing more is sent after the chunks, and the connection stays open. */
		STALL,

		/** One chunk that is not valid JSON follows the chunks, then the connection drops. */
		MALFORMED,

		/** The response ends cleanly after the chunks, without a finish chunk. */
		NO_FINISH

	}

	/**
	 * Request problems a provider answers with HTTP 400.
	 */
	public enum Problem {

		/** No problem. */
		NONE,

		/** The prompt exceeds the model's context window. */
		CONTEXT_LENGTH,

		/** The provider's content filter refused the request. */
		CONTENT_FILTER,

		/**
		 * The model does not accept a conversation that ends with an assistant message
		 * (prefill); requests that end with a user message are answered normally.
		 */
		PREFILL_REJECTED

	}

	/**
	 * Answer with the given HTTP status and the provider's usual error body.
	 * @param status HTTP status
	 * @return the fault
	 */
	public static Fault status(int status) {
		return NONE.with(status, null, null);
	}

	/**
	 * Stream normally but cut the connection after some chunks.
	 * @param chunks chunks to send before the cut
	 * @return the fault
	 */
	public static Fault cutStreamAfter(int chunks) {
		return NONE.ending(Ending.CUT, chunks);
	}

	/**
	 * Drop the connection before answering anything, blocking requests and streams alike.
	 * @return the fault
	 */
	public static Fault reset() {
		return NONE.ending(Ending.CUT, 0);
	}

	/**
	 * Never answer (for ten minutes), blocking requests and streams alike.
	 * @return the fault
	 */
	public static Fault noAnswer() {
		return NONE.withDelay(SILENCE);
	}

	/**
	 * Stream some chunks, then send nothing more while keeping the connection open.
	 * @param chunks chunks to send first
	 * @return the fault
	 */
	public static Fault stallAfter(int chunks) {
		return NONE.ending(Ending.STALL, chunks);
	}

	/**
	 * Stream some chunks, then one that is not valid JSON, then drop the connection.
	 * @param chunks good chunks to send first
	 * @return the fault
	 */
	public static Fault malformedChunkAfter(int chunks) {
		return NONE.ending(Ending.MALFORMED, chunks);
	}

	/**
	 * Stream some chunks, then end the response cleanly without a finish chunk.
	 * @param chunks chunks to send
	 * @return the fault
	 */
	public static Fault endWithoutFinishAfter(int chunks) {
		return NONE.ending(Ending.NO_FINISH, chunks);
	}

	/**
	 * Answer HTTP 400 with the provider's context-length error.
	 * @return the fault
	 */
	public static Fault contextLengthExceeded() {
		return NONE.problem(Problem.CONTEXT_LENGTH);
	}

	/**
	 * Answer HTTP 400 with the provider's content-filter error.
	 * @return the fault
	 */
	public static Fault contentFiltered() {
		return NONE.problem(Problem.CONTENT_FILTER);
	}

	/**
	 * Refuse, with HTTP 400, any request that ends with an assistant message.
	 * @return the fault
	 */
	public static Fault rejectPrefill() {
		return NONE.problem(Problem.PREFILL_REJECTED);
	}

	/**
	 * Answer normally after a delay.
	 * @param delay the delay
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		return NONE.withDelay(delay);
	}

	public Fault withRetryAfter(String retryAfter) {
		return with(this.status, retryAfter, this.body);
	}

	public Fault withBody(String body) {
		return with(this.status, this.retryAfter, body);
	}

	public Fault withDelay(Duration delay) {
		return new Fault(this.status, this.retryAfter, this.body, delay, this.ending, this.chunks, this.problem);
	}

	/**
	 * Whether this fault drops the connection before any answer.
	 * @return {@code true} for a reset
	 */
	public boolean isReset() {
		return this.ending == Ending.CUT && this.chunks == 0;
	}

	/**
	 * Whether this fault answers with an error status.
	 * @return {@code true} for a status of 400 or more
	 */
	public boolean isError() {
		return this.status >= 400;
	}

	private Fault with(int status, String retryAfter, String body) {
		return new Fault(status, retryAfter, body, this.delay, this.ending, this.chunks, this.problem);
	}

	private Fault ending(Ending ending, int chunks) {
		return new Fault(this.status, this.retryAfter, this.body, this.delay, ending, chunks, this.problem);
	}

	private Fault problem(Problem problem) {
		return new Fault(this.status, this.retryAfter, this.body, this.delay, this.ending, this.chunks, problem);
	}

}
