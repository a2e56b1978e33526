package io.github.modelpool.pool;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import io.github.modelpool.failure.MemberTimeoutException;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.member.PoolMember;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Blocking member tries: on the caller's thread, or, when the pool limits whole calls,
 * on a worker of the call executor the caller waits for at most until the deadline (then
 * the worker is interrupted and the try ends as a timeout). A call the executor refuses,
 * or holds in its queue past the deadline, never reached the member and blames none.
 */
final class MemberCalls {

	private final String poolId;

	private final Dispatcher dispatcher;

	private final ObservationRegistry observationRegistry;

	private final Supplier<Executor> workers;

	/**
	 * @param workers the executor of deadline-bound calls, asked for at each such call
	 */
	MemberCalls(String poolId, Dispatcher dispatcher, ObservationRegistry observationRegistry,
			Supplier<Executor> workers) {
		this.poolId = poolId;
		this.dispatcher = dispatcher;
		this.observationRegistry = observationRegistry;
		this.workers = workers;
	}

	/**
	 * Call the chat model of this try's member.
	 * @throws MemberTimeoutException when the call's deadline passes first
	 */
	ChatResponse call(MemberTry memberTry, Prompt prompt) {
		PoolMember member = memberTry.member();
		Prompt adapted = adapt(member, memberTry.attempt(), prompt);
		long remaining = this.dispatcher.remainingNanos(memberTry.attempt());
		if (remaining == Long.MAX_VALUE) {
			return member.chatModel().call(adapted);
		}
		return onWorker(memberTry, () -> member.chatModel().call(adapted), remaining);
	}

	/**
	 * Run a try's work at its member.
	 * @param work what the member is asked
	 * @throws MemberTimeoutException when the call's deadline passes first
	 */
	<T> T run(MemberTry memberTry, Supplier<T> work) {
		long remaining = this.dispatcher.remainingNanos(memberTry.attempt());
		return (remaining == Long.MAX_VALUE) ? work.get() : onWorker(memberTry, work, remaining);
	}

	/**
	 * Run the work on a worker of the call executor and wait for it until the deadline.
	 */
	private <T> T onWorker(MemberTry memberTry, Supplier<T> work, long remaining) {
		PoolMember member = memberTry.member();
		Observation parent = this.observationRegistry.getCurrentObservation();
		AtomicBoolean started = new AtomicBoolean();
		FutureTask<T> result = new FutureTask<>(() -> {
			started.set(true);
			if (parent == null) {
				return work.get();
			}
			try (Observation.Scope scope = parent.openScope()) {
				return work.get();
			}
		});
		Executor workers = this.workers.get();
		try {
			workers.execute(result);
		}
		catch (RejectedExecutionException ex) {
			throw new ModelPoolRejectedException(this.poolId,
					"every worker of its call executor is busy and its queue is full", ex);
		}
		try {
			return result.get(remaining, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			if (workers instanceof ThreadPoolExecutor queueing) {
				// Frees the queue slot a call that never started still holds.
				queueing.remove(result);
			}
			if (!started.get()) {
				// The call never reached the member: the executor's queue held it past the deadline.
				throw new ModelPoolRejectedException(this.poolId,
						"it waited for a worker of the call executor until its deadline", null);
			}
			throw new MemberTimeoutException(this.poolId, member.id(), TimeoutKind.CALL,
					this.dispatcher.timeouts().call());
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
		catch (InterruptedException ex) {
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw (CancellationException) new CancellationException("interrupted while waiting for member '"
					+ member.id() + "'").initCause(ex);
		}
	}

	/**
	 * Wait as asked and admit the next try, or throw the error the call ends with.
	 * @param after what followed the failed try
	 * @return the next try
	 */
	MemberTry next(AfterFailure after) {
		NextTry next = after.next();
		if (next == null) {
			throw after.error();
		}
		return admitted(next);
	}

	/**
	 * The admitted try, after the waits for rate budgets the admission asked for.
	 * @param admission what asking the members gave
	 * @return the admitted try
	 */
	MemberTry admitted(Admission admission) {
		Admission current = admission;
		while (current instanceof NextTry wait) {
			pause(wait.delay(), wait.attempt());
			current = this.dispatcher.resume(wait);
		}
		return (MemberTry) current;
	}

	private static void pause(Duration wait, Attempt attempt) {
		if (wait.isZero()) {
			return;
		}
		try {
			Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			RuntimeException last = attempt.lastError();
			throw (last != null) ? last
					: (CancellationException) new CancellationException("interrupted while waiting for a member")
						.initCause(ex);
		}
	}

	/**
	 * The prompt as the member receives it, with the call's prompt-cache key where the
	 * member takes one.
	 */
	static Prompt adapt(PoolMember member, Attempt attempt, Prompt prompt) {
		return member.adapt(prompt, member.takesCacheKey() ? attempt.cacheKey() : null);
	}

}
