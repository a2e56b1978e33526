package io.github.modelpool.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An account's budget on a hand-moved ticker: windows, holds and what providers say.
 */
class AccountBudgetTests {

	private static final long SECOND = 1_000_000_000L;

	private static final long MINUTE = 60 * SECOND;

	private long now = 5 * MINUTE;

	@Test
	void declaredRequestsAreTakenUntilTheLimitThenTheWaitLastsUntilTheOldestLeavesTheWindow() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(3L, null));
		assertThat(budget.reserve(0, this.now)).isZero();
		this.now += 10 * SECOND;
		assertThat(budget.reserve(0, this.now)).isZero();
		assertThat(budget.reserve(0, this.now)).isZero();
		long wait = budget.reserve(0, this.now);
		// The first request leaves the window a minute after the end of its 3-second slot.
		assertThat(wait).isEqualTo(53 * SECOND);
		this.now += wait;
		assertThat(budget.reserve(0, this.now)).isZero();
		assertThat(budget.reserve(0, this.now)).isPositive();
	}

	@Test
	void declaredTokensLimitCallsByTheirEstimateAndAnAnswerCorrectsIt() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(null, 1_000L));
		assertThat(budget.reserve(600, this.now)).isZero();
		assertThat(budget.reserve(600, this.now)).isPositive();
		budget.answered(600, this.now, 100, 40, this.now);
		assertThat(budget.reserve(600, this.now)).isZero();
		assertThat(budget.snapshot(this.now).tokensRemaining()).isEqualTo(300);
	}

	@Test
	void aFailedCallGivesItsTokensBackAndARefusedOneItsRequestToo() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(2L, 1_000L));
		budget.reserve(500, this.now);
		budget.failed(500, this.now, this.now);
		assertThat(budget.snapshot(this.now).tokensRemaining()).isEqualTo(1_000);
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(1);
		budget.reserve(500, this.now);
		budget.unreserve(500, this.now, this.now);
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(1);
	}

	@Test
	void aCallsRequestStaysCountedAWindowAfterItsAnswer() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(1L, null));
		long reservedAt = this.now;
		budget.reserve(0, reservedAt);
		// A slow first call: the provider counted it from its arrival, up to its answer.
		this.now += 20 * SECOND;
		budget.answered(0, reservedAt, -1, -1, this.now);
		this.now += 50 * SECOND;
		assertThat(budget.waitNanos(0, this.now)).isPositive();
		this.now += 13 * SECOND;
		assertThat(budget.waitNanos(0, this.now)).isZero();
	}

	@Test
	void aCallLargerThanTheWholeLimitRunsOnceTheWindowIsEmpty() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(null, 100L));
		assertThat(budget.reserve(5_000, this.now)).isZero();
		assertThat(budget.reserve(5_000, this.now)).isPositive();
	}

	@Test
	void anAccountWithoutLimitsCountsNothingUntilTheProviderSaysSomething() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.NONE);
		for (int i = 0; i < 10_000; i++) {
			assertThat(budget.reserve(1_000, this.now)).isZero();
			budget.answered(AccountBudget.NOT_RESERVED, this.now, 1_000, 10, this.now);
		}
		assertThat(budget.isTracking()).isFalse();
		assertThat(budget.snapshot(this.now).requestsLimit()).isNull();
	}

	@Test
	void aRateLimitedAnswerHoldsTheAccountForItsRetryAfterAndOneWithoutNothing() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.NONE);
		budget.limited(Duration.ofSeconds(7), this.now);
		assertThat(budget.reserve(0, this.now)).isEqualTo(7 * SECOND);
		assertThat(budget.snapshot(this.now).heldFor()).isEqualTo(Duration.ofSeconds(7));
		this.now += 7 * SECOND;
		assertThat(budget.reserve(0, this.now)).isZero();
		budget.limited(Duration.ofSeconds(3), this.now);
		assertThat(budget.reserve(0, this.now, true)).as("the call waited out the hold already").isZero();
		AccountBudget unknown = new AccountBudget("claude", RateLimits.NONE);
		unknown.limited(null, this.now);
		assertThat(unknown.isTracking()).isFalse();
	}

	@Test
	void headersTeachTheLimitAndWhatOthersUsed() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.NONE);
		budget.observed(new LimitReading(100, 40, 30 * SECOND, 10_000, 9_000, 6 * SECOND), this.now);
		BudgetSnapshot snapshot = budget.snapshot(this.now);
		assertThat(snapshot.requestsLimit()).isEqualTo(100);
		assertThat(snapshot.requestsRemaining()).isEqualTo(40);
		assertThat(snapshot.tokensLimit()).isEqualTo(10_000);
		assertThat(snapshot.tokensRemaining()).isEqualTo(9_000);
		assertThat(snapshot.declared()).isFalse();
		// What others used leaves the window when the provider said its usage resets (to
		// the end of the 3-second slot it is counted in).
		this.now += 29 * SECOND;
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(40);
		this.now += 4 * SECOND;
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(100);
	}

	@Test
	void noRequestsLeftWaitsForTheProvidersReset() {
		AccountBudget budget = new AccountBudget("claude", RateLimits.NONE);
		budget.observed(new LimitReading(50, 0, 12 * SECOND, -1, -1, -1), this.now);
		long wait = budget.reserve(0, this.now);
		assertThat(wait).isPositive().isLessThanOrEqualTo(12 * SECOND + 3 * SECOND);
	}

	@Test
	void declaredLimitsWinOverLearnedOnes() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(10L, null));
		budget.observed(new LimitReading(1_000, 1_000, SECOND, -1, -1, -1), this.now);
		assertThat(budget.snapshot(this.now).requestsLimit()).isEqualTo(10);
		assertThat(budget.snapshot(this.now).declared()).isTrue();
	}

	@Test
	void absurdHeadersAreIgnored() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.NONE);
		budget.observed(new LimitReading(-5, -1, -1, 0, -1, -1), this.now);
		assertThat(budget.isTracking()).isFalse();
		budget.observed(new LimitReading(100, 500, -1, -1, -1, -1), this.now);
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(100);
		budget.observed(new LimitReading(100, 10, Long.MAX_VALUE, -1, -1, -1), this.now);
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(10);
		budget.observed(LimitReading.NONE, this.now);
		assertThat(budget.snapshot(this.now).requestsLimit()).isEqualTo(100);
	}

	@Test
	void anUnlimitedBudgetLearnsNothing() {
		AccountBudget budget = AccountBudget.unlimited("gpt");
		budget.limited(Duration.ofSeconds(30), this.now);
		budget.observed(new LimitReading(10, 0, 30 * SECOND, -1, -1, -1), this.now);
		assertThat(budget.isTracking()).isFalse();
		assertThat(budget.reserve(100, this.now)).isZero();
	}

	@Test
	void whatOtherInstancesUsedLeavesLessAndWithTheStoreAwayEachKeepsToItsShare() {
		AccountBudget budget = new AccountBudget("gpt", RateLimits.perMinute(10L, 1_000L));
		assertThat(budget.reserve(100, this.now)).isZero();
		budget.answered(100, this.now, 40, 10, this.now);
		UsageReport report = budget.takeUnshared();
		assertThat(report).isEqualTo(new UsageReport(1, 40));
		assertThat(budget.takeUnshared().isEmpty()).isTrue();
		budget.othersUsed(8, 500, 3);
		assertThat(budget.snapshot(this.now).requestsRemaining()).isEqualTo(1);
		assertThat(budget.snapshot(this.now).tokensRemaining()).isEqualTo(460);
		assertThat(budget.reserve(10, this.now)).isZero();
		assertThat(budget.reserve(10, this.now)).as("others took the rest").isPositive();
		UsageReport unreported = budget.takeUnshared();
		budget.storeAway(unreported);
		BudgetSnapshot away = budget.snapshot(this.now);
		assertThat(away.share()).isEqualTo(3);
		assertThat(away.requestsRemaining()).as("a third of 10, less this instance's two").isEqualTo(1);
		assertThat(budget.takeUnshared()).as("kept to report when the store answers").isEqualTo(unreported);
		budget.othersUsed(0, 0, 3);
		assertThat(budget.snapshot(this.now).share()).isOne();
	}

	@Test
	void limitsNameWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimits.perMinute(0L, null))
			.withMessageContaining("requests must be greater than 0");
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimits.perMinute(null, -3L))
			.withMessageContaining("tokens must be greater than 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimits(1L, null, Duration.ofMillis(5)))
			.withMessageContaining("window");
	}

	@Test
	void noWindowEverHoldsMoreThanTheLimitWhenManyThreadsReserve() throws Exception {
		long limit = 200;
		AccountBudget budget = new AccountBudget("gpt", new RateLimits(limit, null, Duration.ofSeconds(1)));
		AtomicLong ticker = new AtomicLong(SECOND);
		List<Long> taken = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			done.add(threads.submit(() -> {
				start.await();
				for (int i = 0; i < 2_000; i++) {
					long at = ticker.addAndGet(SECOND / 2_000);
					if (budget.reserve(0, at) == 0) {
						taken.add(at);
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get(30, TimeUnit.SECONDS);
		}
		threads.shutdown();
		List<Long> sorted = taken.stream().sorted().toList();
		assertThat(sorted).hasSizeGreaterThan((int) limit);
		int first = 0;
		for (int last = 0; last < sorted.size(); last++) {
			while (sorted.get(last) - sorted.get(first) >= SECOND) {
				first++;
			}
			// A thread's reading may reach the budget after later ones: it is counted at the
			// latest reading, so each thread may add one reservation to a second it took.
			assertThat(last - first + 1).as("reservations within one second up to index " + last)
				.isLessThanOrEqualTo((int) limit + 8);
		}
	}

}
