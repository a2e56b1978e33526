package io.github.modelpool.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * What a provider account can still take: its requests and tokens over the provider's
 * window, and how long the provider asked it to be left alone. Limits are declared
 * ({@link RateLimits}) or learned from the provider's rate-limit headers; a rate-limited
 * answer holds the account for its Retry-After either way. Members over one chat model
 * share its budget, in every pool. Times are ticker readings in nanoseconds. Safe for use
 * by many threads.
 * <p>
 * An account with no limit known and no hold costs a call one volatile read.
 */
public final class AccountBudget {

	/** What a call took from a budget that counted nothing when it was admitted. */
	public static final long NOT_RESERVED = -1;

	/** Answer tokens expected of a call before the account has answered one. */
	static final long FIRST_ANSWER_TOKENS = 256;

	private final String name;

	private final RateLimits declared;

	private final BudgetWindow requests;

	private final BudgetWindow tokens;

	private long requestsLimit;

	private long tokensLimit;

	private long heldUntil = Long.MIN_VALUE;

	private boolean held;

	/** Latest ticker reading seen: readings taken before the lock may arrive out of order. */
	private long latest = Long.MIN_VALUE;

	/** Whether any limit is known or a hold was ever placed: else nothing is counted. */
	private volatile boolean tracking;

	/** Whether the budget learns from the provider's answers at all. */
	private final boolean learns;

	private volatile long expectedAnswerTokens = FIRST_ANSWER_TOKENS;

	// Shared with other instances through a store: what this instance used since its
	// last report, what the others used within the window, and while the store is away,
	// how many instances share the limits.
	private long unsharedRequests;

	private long unsharedTokens;

	private long othersRequests;

	private long othersTokens;

	private int instances = 1;

	private int share = 1;

	/**
	 * Create a budget.
	 * @param name the account's name for operators, such as its chat model's bean name
	 * @param declared the declared limits, {@link RateLimits#NONE} to learn them
	 */
	public AccountBudget(String name, RateLimits declared) {
		this(name, declared, true);
	}

	private AccountBudget(String name, RateLimits declared, boolean learns) {
		this.learns = learns;
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.declared = Objects.requireNonNull(declared, "declared must not be null");
		long window = declared.window().toNanos();
		this.requests = new BudgetWindow(window);
		this.tokens = new BudgetWindow(window);
		this.requestsLimit = (declared.requests() != null) ? declared.requests() : 0;
		this.tokensLimit = (declared.tokens() != null) ? declared.tokens() : 0;
		this.tracking = declared.isDeclared();
	}

	/**
	 * A budget that counts nothing and learns nothing: the pool routes as if accounts
	 * had no limits and learns of one from each 429 alone.
	 * @param name the account's name
	 * @return the budget
	 */
	public static AccountBudget unlimited(String name) {
		return new AccountBudget(name, RateLimits.NONE, false);
	}

	public String name() {
		return this.name;
	}

	public RateLimits declared() {
		return this.declared;
	}

	/**
	 * The length of the provider's window.
	 * @return the window
	 */
	public Duration window() {
		return this.declared.window();
	}

	/**
	 * Tokens a call is expected to cost: its prompt's estimate plus the account's moving
	 * average of answer tokens.
	 * @param promptTokens the prompt's estimated tokens
	 * @return the estimate
	 */
	public long estimate(long promptTokens) {
		return promptTokens + this.expectedAnswerTokens;
	}

	/**
	 * Whether the account counts anything: a limit is declared or was learned, or it was
	 * held.
	 * @return {@code false} while calls cost the budget nothing
	 */
	public boolean isTracking() {
		return this.tracking;
	}

	/**
	 * Take one request and these tokens from the budget when they fit now.
	 * @param tokens the call's estimated tokens
	 * @param now ticker reading
	 * @return 0 when taken, else how long until they fit, in nanoseconds
	 */
	public long reserve(long tokens, long now) {
		return reserve(tokens, now, false);
	}

	/**
	 * Take one request and these tokens from the budget when they fit now.
	 * @param tokens the call's estimated tokens
	 * @param now ticker reading
	 * @param holdWaitedOut whether the call already waited out this account's hold (the
	 * Retry-After it asked for), so a hold still in place does not stop it again
	 * @return 0 when taken, else how long until they fit, in nanoseconds
	 */
	public long reserve(long tokens, long now, boolean holdWaitedOut) {
		if (!this.tracking) {
			return 0;
		}
		synchronized (this) {
			now = monotonic(now);
			long wait = waitNanos(tokens, now, !holdWaitedOut);
			if (wait == 0) {
				this.requests.add(1, now, now);
				this.tokens.add(tokens, now, now);
				this.unsharedRequests++;
				this.unsharedTokens += tokens;
			}
			return wait;
		}
	}

	/**
	 * Give back a reservation whose call never reached the provider (the member did not
	 * admit it).
	 * @param tokens tokens taken by {@link #reserve}, or {@link #NOT_RESERVED}
	 * @param reservedAt ticker reading of the reservation
	 * @param now ticker reading
	 */
	public void unreserve(long tokens, long reservedAt, long now) {
		end(tokens, reservedAt, false, 0, now);
	}

	/**
	 * How long until one request and these tokens fit, without taking them.
	 * @param tokens the call's estimated tokens
	 * @param now ticker reading
	 * @return 0 when they fit now, else nanoseconds
	 */
	public long waitNanos(long tokens, long now) {
		return waitNanos(tokens, now, true);
	}

	private long waitNanos(long tokens, long now, boolean countHold) {
		if (!this.tracking) {
			return 0;
		}
		synchronized (this) {
			now = monotonic(now);
			long wait = (countHold && this.held && this.heldUntil - now > 0) ? this.heldUntil - now : 0;
			if (this.requestsLimit > 0) {
				wait = Math.max(wait, waitFor(this.requests, 1, this.requestsLimit, this.othersRequests, now));
			}
			if (this.tokensLimit > 0) {
				wait = Math.max(wait, waitFor(this.tokens, tokens, this.tokensLimit, this.othersTokens, now));
			}
			return wait;
		}
	}

	/**
	 * A reserved call ended with an answer: its request and tokens are counted from now,
	 * so they stay counted a window after the answer (the provider counted them from the
	 * request's arrival, after the reservation), and its tokens are corrected to what the
	 * provider counted.
	 * @param reserved tokens taken by {@link #reserve}, or {@link #NOT_RESERVED}
	 * @param reservedAt ticker reading of the reservation
	 * @param counted tokens the provider counted (prompt and answer), or a negative value
	 * when it did not say
	 * @param answerTokens answer tokens it counted, or a negative value when it did not
	 * say
	 * @param now ticker reading
	 */
	public void answered(long reserved, long reservedAt, long counted, long answerTokens, long now) {
		if (answerTokens >= 0) {
			long expected = this.expectedAnswerTokens;
			this.expectedAnswerTokens = Math.max(1, (expected * 4 + answerTokens + 4) / 5);
		}
		end(reserved, reservedAt, true, (counted >= 0) ? counted : reserved, now);
	}

	/**
	 * A reserved call failed: its request stays counted a window from now (the provider
	 * may have counted it), its tokens are given back.
	 * @param reserved tokens taken by {@link #reserve}, or {@link #NOT_RESERVED}
	 * @param reservedAt ticker reading of the reservation
	 * @param now ticker reading
	 */
	public void failed(long reserved, long reservedAt, long now) {
		end(reserved, reservedAt, true, 0, now);
	}

	/**
	 * A reserved call was dropped by its caller: its request and tokens stay counted a
	 * window from now, as the provider may be working on it.
	 * @param reserved tokens taken by {@link #reserve}, or {@link #NOT_RESERVED}
	 * @param reservedAt ticker reading of the reservation
	 * @param now ticker reading
	 */
	public void dropped(long reserved, long reservedAt, long now) {
		end(reserved, reservedAt, true, reserved, now);
	}

	/**
	 * A reservation ends: its request is counted from now on (the provider may have
	 * counted it) or taken back (it never reached the provider), and its tokens are
	 * replaced by the tokens to count from now on.
	 */
	private void end(long reserved, long reservedAt, boolean requestCounted, long tokens, long now) {
		if (reserved == NOT_RESERVED) {
			return;
		}
		synchronized (this) {
			now = monotonic(now);
			if (requestCounted) {
				this.requests.recount(1, reservedAt, now);
			}
			else {
				this.requests.remove(1, reservedAt, now);
				this.unsharedRequests--;
			}
			this.tokens.remove(reserved, reservedAt, now);
			this.tokens.add(tokens, now, now);
			this.unsharedTokens += tokens - reserved;
		}
	}

	/**
	 * The provider answered that the account is rate limited for this long: the account
	 * is held until then. A rate-limited answer without a Retry-After holds nothing, as
	 * nobody knows when the account frees.
	 * @param retryAfter how long it asked to wait, or {@code null} when it did not say
	 * @param now ticker reading
	 */
	public void limited(Duration retryAfter, long now) {
		if (!this.learns || retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
			return;
		}
		Duration hold = retryAfter;
		long until = now + Math.min(hold.toNanos(), LimitReading.LONGEST_RESET_NANOS);
		synchronized (this) {
			now = monotonic(now);
			if (!this.held || until - this.heldUntil > 0) {
				this.heldUntil = until;
				this.held = true;
			}
			this.tracking = true;
		}
	}

	/**
	 * Lift a hold placed by a rate-limited answer (an operator's reset); what the window
	 * counts stays.
	 */
	public synchronized void release() {
		this.held = false;
	}

	/**
	 * What the provider said of the account with an answer. A missing or absurd value
	 * (negative, remaining above the limit, a reset in the past or beyond a day) is
	 * ignored.
	 * @param reading the provider's rate-limit headers
	 * @param now ticker reading
	 */
	public void observed(LimitReading reading, long now) {
		if (!this.learns || reading.isEmpty()) {
			return;
		}
		synchronized (this) {
			now = monotonic(now);
			if (this.declared.requests() == null && valid(reading.requestsLimit())) {
				this.requestsLimit = reading.requestsLimit();
			}
			if (this.declared.tokens() == null && valid(reading.tokensLimit())) {
				this.tokensLimit = reading.tokensLimit();
			}
			learnRemaining(this.requests, this.requestsLimit, this.othersRequests, reading.requestsRemaining(),
					reading.requestsReset(), now);
			learnRemaining(this.tokens, this.tokensLimit, this.othersTokens, reading.tokensRemaining(),
					reading.tokensReset(), now);
			this.tracking = this.tracking || this.requestsLimit > 0 || this.tokensLimit > 0;
		}
	}

	/**
	 * The provider has fewer left than this instance counts, its own use and what the
	 * other instances reported (other clients of the account, or instances not reported
	 * yet): the difference is counted as used, leaving the window when the provider says
	 * its usage resets.
	 */
	private void learnRemaining(BudgetWindow window, long limit, long others, long remaining, long resetNanos,
			long now) {
		if (limit <= 0 || remaining < 0 || remaining > limit) {
			return;
		}
		long countedLeft = limit - others - window.used(now);
		if (remaining >= countedLeft) {
			return;
		}
		boolean resetKnown = resetNanos > 0 && resetNanos <= LimitReading.LONGEST_RESET_NANOS;
		long at = resetKnown ? now + resetNanos - window.windowNanos() : now;
		window.add(countedLeft - remaining, at, now);
	}

	/**
	 * The wait in one window, under this instance's part of the limit: the limit less
	 * what the other instances used, or while the store is away, its share of the limit.
	 * What the others used leaves the count as the store reports it, a slot at a time.
	 */
	private long waitFor(BudgetWindow window, long amount, long limit, long others, long now) {
		long available = limit / this.share - others;
		if (available <= 0) {
			return window.slotNanos();
		}
		return window.waitFor(amount, available, now);
	}

	/**
	 * Take what this instance used since its last report, to tell the other instances.
	 * @return the requests and tokens (possibly negative: corrections)
	 */
	public synchronized UsageReport takeUnshared() {
		UsageReport report = new UsageReport(this.unsharedRequests, this.unsharedTokens);
		this.unsharedRequests = 0;
		this.unsharedTokens = 0;
		return report;
	}

	/**
	 * The store answered: the other instances used this much within the window.
	 * @param requests their requests
	 * @param tokens their tokens
	 * @param instances instances alive, this one included
	 */
	public synchronized void othersUsed(long requests, long tokens, int instances) {
		this.othersRequests = Math.max(0, requests);
		this.othersTokens = Math.max(0, tokens);
		this.instances = Math.max(1, instances);
		this.share = 1;
	}

	/**
	 * The store did not answer: what was taken is kept to report later, and until the
	 * store answers again this instance keeps to its share of the limits, divided by the
	 * instances last seen alive.
	 * @param unreported what {@link #takeUnshared()} took
	 */
	public synchronized void storeAway(UsageReport unreported) {
		this.unsharedRequests += unreported.requests();
		this.unsharedTokens += unreported.tokens();
		this.othersRequests = 0;
		this.othersTokens = 0;
		this.share = this.instances;
	}

	private long monotonic(long now) {
		if (this.latest == Long.MIN_VALUE || now - this.latest > 0) {
			this.latest = now;
		}
		return this.latest;
	}

	private static boolean valid(long limit) {
		return limit > 0;
	}

	/**
	 * The budget as operators see it.
	 * @param now ticker reading
	 * @return the snapshot
	 */
	public synchronized BudgetSnapshot snapshot(long now) {
		now = monotonic(now);
		long heldFor = (this.held && this.heldUntil - now > 0) ? this.heldUntil - now : 0;
		return new BudgetSnapshot(this.name, (this.requestsLimit > 0) ? this.requestsLimit : null,
				(this.requestsLimit > 0) ? Math.max(0,
						this.requestsLimit / this.share - this.othersRequests - this.requests.used(now)) : null,
				(this.tokensLimit > 0) ? this.tokensLimit : null,
				(this.tokensLimit > 0)
						? Math.max(0, this.tokensLimit / this.share - this.othersTokens - this.tokens.used(now)) : null,
				this.declared.isDeclared(), Duration.ofNanos(heldFor), this.declared.window(), this.share);
	}

	@Override
	public String toString() {
		return "AccountBudget[" + this.name + "]";
	}

}
