package io.github.modelpool.pool;

import io.github.modelpool.failure.Failure;

/**
 * What follows a failed member try: either a next try, or the error the caller sees.
 *
 * @param failure how the failure was classified
 * @param next the next try, or {@code null} when the call ends
 * @param error what the caller sees when the call ends, else {@code null}
 */
record AfterFailure(Failure failure, NextTry next, RuntimeException error) {

	static AfterFailure goOn(Failure failure, NextTry next) {
		return new AfterFailure(failure, next, null);
	}

	static AfterFailure stop(Failure failure, RuntimeException error) {
		return new AfterFailure(failure, null, error);
	}

}
