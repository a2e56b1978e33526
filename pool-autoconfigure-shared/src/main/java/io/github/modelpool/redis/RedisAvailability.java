package io.github.modelpool.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.state.StoreListener;
import io.github.modelpool.state.StoreOperation;
import io.github.modelpool.state.StoreOutcome;
import io.github.modelpool.state.StoreStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Runs Redis operations within a time limit and knows whether Redis answers: the first
 * operation that fails or runs out of time marks Redis away (one WARN), and until it is
 * marked back every operation is skipped at once.
 */
final class RedisAvailability {

	private static final Log logger = LogFactory.getLog(RedisStateStore.class);

	private final Duration timeout;

	private final Clock clock;

	private final StoreListener listener;

	private final AtomicBoolean reachable = new AtomicBoolean(true);

	private volatile boolean closed;

	private volatile StoreStatus status = StoreStatus.REACHABLE;

	private volatile Instant awaySince;

	RedisAvailability(Duration timeout, Clock clock, StoreListener listener) {
		this.timeout = timeout;
		this.clock = clock;
		this.listener = listener;
	}

	StoreStatus status() {
		return this.status;
	}

	boolean isReachable() {
		return this.reachable.get();
	}

	/**
	 * Run one operation, waiting at most the timeout.
	 * @return its result, or {@code null} when Redis is away or does not answer in time
	 */
	<T> T execute(StoreOperation operation, Supplier<Mono<T>> action) {
		if (!this.reachable.get()) {
			this.listener.onOperation(operation, StoreOutcome.SKIPPED, 0);
			return null;
		}
		try {
			return await(operation, action);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			markAway(ex);
			return null;
		}
	}

	/**
	 * Run one operation whatever Redis's state, waiting at most the timeout.
	 * @return its result, or {@code null} when interrupted
	 * @throws ExecutionException when the operation failed
	 * @throws TimeoutException when it ran out of time
	 */
	<T> T await(StoreOperation operation, Supplier<Mono<T>> action) throws ExecutionException, TimeoutException {
		return await(operation, action, this.timeout);
	}

	/**
	 * Run one operation whatever Redis's state, waiting at most the given time.
	 * @return its result, or {@code null} when interrupted
	 * @throws ExecutionException when the operation failed
	 * @throws TimeoutException when it ran out of time
	 */
	<T> T await(StoreOperation operation, Supplier<Mono<T>> action, Duration limit)
			throws ExecutionException, TimeoutException {
		long start = System.nanoTime();
		CompletableFuture<T> result = null;
		try {
			result = action.get().toFuture();
			T value = result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
			this.listener.onOperation(operation, StoreOutcome.SUCCESS, System.nanoTime() - start);
			return value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			if (result != null) {
				result.cancel(true);
			}
			this.listener.onOperation(operation, StoreOutcome.ERROR, System.nanoTime() - start);
			throw ex;
		}
	}

	/**
	 * Redis did not answer: say so once, and skip operations until it is back.
	 * @param error what went wrong
	 */
	void markAway(Throwable error) {
		if (this.closed) {
			return;
		}
		Throwable cause = (error instanceof ExecutionException && error.getCause() != null) ? error.getCause() : error;
		String description = describe(cause);
		this.status = new StoreStatus(false, description, this.clock.instant());
		if (this.reachable.compareAndSet(true, false)) {
			this.awaySince = this.clock.instant();
			if (logger.isWarnEnabled()) {
				logger.warn("Model pool state store (Redis) does not answer (" + description
						+ "): pools go on with this instance's state and write it back when Redis answers again");
			}
		}
	}

	/**
	 * Redis answered a check.
	 * @return when it went away, if it was away until now; else {@code null}
	 */
	Instant markBack() {
		Instant since = this.awaySince;
		return this.reachable.compareAndSet(false, true) ? since : null;
	}

	/**
	 * Everything was written back after Redis returned: report it reachable and say so.
	 * @param moves session moves written back
	 * @param holds holds written back
	 */
	void reportBack(int moves, int holds) {
		if (!this.reachable.get()) {
			return;
		}
		StoreStatus last = this.status;
		this.status = new StoreStatus(true, last.lastError(), last.lastErrorAt());
		if (logger.isInfoEnabled()) {
			logger.info("Model pool state store (Redis) answers again: wrote back " + moves + " session move(s) and "
					+ holds + " hold(s) made meanwhile");
		}
	}

	void close() {
		this.closed = true;
	}

	private static String describe(Throwable error) {
		String message = (error instanceof TimeoutException) ? "no answer in time"
				: (error.getMessage() != null) ? SecretRedactor.redact(error.getMessage()) : "no message";
		return error.getClass().getSimpleName() + ": " + message;
	}

}
