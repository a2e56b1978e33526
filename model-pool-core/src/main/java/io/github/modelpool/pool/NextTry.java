package io.github.modelpool.pool;

import java.time.Duration;

/**
 * Where a call goes after a failed try: the member to try next (the same one for a
 * retry) and how long to wait first.
 *
 * @param attempt the call
 * @param member index of the member to try
 * @param delay wait before the try, bounded by the call's deadline
 */
record NextTry(Attempt attempt, int member, Duration delay) implements Admission {

	static NextTry now(Attempt attempt, int member) {
		return new NextTry(attempt, member, Duration.ZERO);
	}

}
