package io.github.modelpool.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One simulated provider account, addressed by the first path segment of a request. Its
 * faults can be changed at any time, from any thread.
 */
public final class SimulatedMember {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

	/** Length of the vectors a member answers when the request does not ask for one. */
	public static final int DEFAULT_EMBEDDING_DIMENSIONS = 8;

	private final String id;

	private final Queue<Fault> nextFaults = new ConcurrentLinkedQueue<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger resets = new AtomicInteger();

	private final Supplier<Clock> clock;

	private volatile Fault standingFault = Fault.NONE;

	private volatile Instant standingUntil;

	private volatile Duration chunkDelay = Duration.ZERO;

	private final PromptCache promptCache = new PromptCache();

	private volatile RateWindow rateWindow;

	private volatile boolean malformedRateHeaders;

	private volatile int embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;

	private final AtomicInteger rateLimited = new AtomicInteger();

	SimulatedMember(String id, Supplier<Clock> clock) {
		this.clock = clock;
		if (id == null || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("member id must match [A-Za-z0-9_-]+, got '" + id + "'");
		}
		this.id = id;
	}

	public String id() {
		return this.id;
	}

	/**
	 * How long this account's prompt cache keeps a prefix it last saw (5 minutes until
	 * set, and again after the simulator's reset).
	 * @param ttl the time to live
	 * @return this member
	 */
	public SimulatedMember promptCacheTtl(Duration ttl) {
		this.promptCache.ttl(ttl);
		return this;
	}

	/**
	 * Enforce the account's limits: requests and tokens (prompt and answer words, the
	 * simulator's rule) per fixed window of the simulator's clock. A request that does not
	 * fit is answered 429 with a {@code Retry-After} until the window ends; every answer
	 * carries the provider's rate-limit headers where its API has them (OpenAI, Azure
	 * OpenAI, Anthropic).
	 * @param requests requests per window, 0 for no limit
	 * @param tokens tokens per window, 0 for no limit
	 * @param window the window, a minute at real providers; tests shorten it
	 * @return this member
	 */
	public SimulatedMember limits(long requests, long tokens, Duration window) {
		this.rateWindow = new RateWindow(requests, tokens, window);
		return this;
	}

	/** Stop enforcing limits. */
	public SimulatedMember unlimited() {
		this.rateWindow = null;
		return this;
	}

	/**
	 * Send malformed rate-limit headers (a non-numeric remaining, a negative limit, an
	 * unreadable reset), as a broken proxy might.
	 * @param malformed whether to
	 * @return this member
	 */
	public SimulatedMember malformedRateLimitHeaders(boolean malformed) {
		this.malformedRateHeaders = malformed;
		return this;
	}

	/**
	 * Requests refused for the account's limits ({@link #limits}).
	 * @return the number of 429 answers given for them
	 */
	public int rateLimitedCount() {
		return this.rateLimited.get();
	}

	RateWindow rateWindow() {
		return this.rateWindow;
	}

	boolean malformedRateHeaders() {
		return this.malformedRateHeaders;
	}

	void refusedForLimits() {
		this.rateLimited.incrementAndGet();
	}

	/**
	 * Length of the vectors this account's embedding model answers when a request does
	 * not ask for one ({@value #DEFAULT_EMBEDDING_DIMENSIONS} until set, and again after
	 * the simulator's reset).
	 * @param dimensions the length
	 * @return this member
	 */
	public SimulatedMember embeddingDimensions(int dimensions) {
		if (dimensions <= 0) {
			throw new IllegalArgumentException("dimensions must be greater than 0, got " + dimensions);
		}
		this.embeddingDimensions = dimensions;
		return this;
	}

	int embeddingDimensions() {
		return this.embeddingDimensions;
	}

	PromptCache promptCache() {
		return this.promptCache;
	}

	Instant now() {
		return this.clock.get().instant();
	}

	/**
	 * Answer every request with a fault until {@link #healthy()}.
	 * @param fault the fault
	 * @return this member
	 */
	public SimulatedMember fail(Fault fault) {
		this.standingUntil = null;
		this.standingFault = fault;
		return this;
	}

	/**
	 * Answer every request with a fault for a while, then answer normally again, like a
	 * provider that is down for a period. Time is the simulator's clock.
	 * @param fault the fault
	 * @param period how long
	 * @return this member
	 */
	public SimulatedMember failFor(Fault fault, Duration period) {
		this.standingFault = fault;
		this.standingUntil = this.clock.get().instant().plus(period);
		return this;
	}

	/**
	 * Answer the next requests with these faults, one each, before any standing fault.
	 * @param faults the faults, in order
	 * @return this member
	 */
	public SimulatedMember failNext(Fault... faults) {
		this.nextFaults.addAll(List.of(faults));
		return this;
	}

	/**
	 * Clear the standing fault and any queued ones.
	 * @return this member
	 */
	public SimulatedMember healthy() {
		this.nextFaults.clear();
		this.standingUntil = null;
		this.standingFault = Fault.NONE;
		return this;
	}

	/**
	 * Wait between stream chunks, so streams take visible time.
	 * @param delay the wait
	 * @return this member
	 */
	public SimulatedMember chunkDelay(Duration delay) {
		this.chunkDelay = delay;
		return this;
	}

	/**
	 * Fault currently standing for this member.
	 * @return the fault, {@link Fault#NONE} when healthy
	 */
	public Fault standingFault() {
		Instant until = this.standingUntil;
		if (until != null && !this.clock.get().instant().isBefore(until)) {
			return Fault.NONE;
		}
		return this.standingFault;
	}

	/**
	 * Requests received so far, oldest first.
	 * @return a snapshot of the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	public int requestCount() {
		return this.requests.size();
	}

	/** Forget the recorded requests. */
	public void clearRequests() {
		this.requests.clear();
		this.resets.set(0);
		this.rateLimited.set(0);
	}

	/**
	 * Requests whose connection was dropped before any answer ({@link Fault#reset()}).
	 * Some HTTP clients send such a request again on their own.
	 * @return the number of reset requests
	 */
	public int resetCount() {
		return this.resets.get();
	}

	Duration chunkDelay() {
		return this.chunkDelay;
	}

	Fault receive(RecordedRequest request) {
		this.requests.add(request);
		Fault queued = this.nextFaults.poll();
		Fault fault = (queued != null) ? queued : standingFault();
		if (fault.isReset()) {
			this.resets.incrementAndGet();
		}
		return fault;
	}

}
