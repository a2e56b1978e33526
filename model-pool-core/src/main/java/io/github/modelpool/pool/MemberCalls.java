package io.github.modelpool.pool;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import io.github.modelpool.failure.MemberTimeoutException;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.member.PoolMember;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Blocking member tries: on the caller's thread, or, when the pool limits whole calls,
 * on a worker the caller waits for at most until the deadline (then the worker is
 * interrupted and the try ends as a timeout).
 */
final class MemberCalls {

	private static final ExecutorService WORKERS = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "model-pool-call");
		thread.setDaemon(true);
		return thread;
	});

	private final String poolId;

	private final Dispatcher dispatcher;

	private final ObservationRegistry observationRegistry;

	MemberCalls(String poolId, Dispatcher dispatcher, ObservationRegistry observationRegistry) {
		this.poolId = poolId;
		this.dispatcher = dispatcher;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Call the member of this try.
	 * @throws MemberTimeoutException when the call's deadline passes first
	 */
	ChatResponse call(MemberTry memberTry, Prompt prompt) {
		PoolMember member = memberTry.member();
		long remaining = this.dispatcher.remainingNanos(memberTry.attempt());
		if (remaining == Long.MAX_VALUE) {
			return member.chatModel().call(member.adapt(prompt));
		}
		Observation parent = this.observationRegistry.getCurrentObservation();
		Future<ChatResponse> result = WORKERS.submit(() -> {
			if (parent == null) {
				return member.chatModel().call(member.adapt(prompt));
			}
			try (Observation.Scope scope = parent.openScope()) {
				return member.chatModel().call(member.adapt(prompt));
			}
		});
		try {
			return result.get(remaining, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			result.cancel(true);
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
		pause(next.delay(), next.attempt());
		return this.dispatcher.resume(next);
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
			throw attempt.lastError();
		}
	}

}
