package io.github.modelpool.pool;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers that run blocking member calls when the pool limits whole calls
 * ({@code timeouts.call}): the caller waits for its worker at most until the deadline.
 * Bounded: at most {@link #DEFAULT_MAX_THREADS} workers and {@link #DEFAULT_QUEUE_CAPACITY}
 * waiting calls by default; a call beyond that is refused at once
 * ({@link ModelPoolRejectedException}), blaming no member.
 */
public final class CallExecutors {

	/** Workers of a pool's own executor. */
	public static final int DEFAULT_MAX_THREADS = 64;

	/** Calls that may wait for a worker of a pool's own executor. */
	public static final int DEFAULT_QUEUE_CAPACITY = 64;

	private CallExecutors() {
	}

	/**
	 * A bounded executor of daemon threads named {@code <name>-1}, {@code <name>-2}...;
	 * idle workers end after a minute. Shut it down when done with it.
	 * @param name prefix of its threads' names
	 * @param maxThreads most workers, at least 1
	 * @param queueCapacity most calls waiting for a worker, 0 for none
	 * @return the executor
	 */
	public static ExecutorService bounded(String name, int maxThreads, int queueCapacity) {
		if (maxThreads < 1) {
			throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
		}
		if (queueCapacity < 0) {
			throw new IllegalArgumentException("queueCapacity must not be negative, got " + queueCapacity);
		}
		BlockingQueue<Runnable> queue = (queueCapacity == 0) ? new SynchronousQueue<>()
				: new ArrayBlockingQueue<>(queueCapacity);
		ThreadPoolExecutor executor = new ThreadPoolExecutor(maxThreads, maxThreads, 1, TimeUnit.MINUTES, queue,
				named(name), new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static ThreadFactory named(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
