package io.github.modelpool.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.SharedSession;

/**
 * What this instance changed while Redis was away, kept to be written back: the latest
 * move of each session (at most {@value #MAX_MOVES}, least recent dropped first) and the
 * latest hold of each member.
 */
final class PendingWrites {

	/** Most moves kept. */
	static final int MAX_MOVES = 100_000;

	private final Cache<String, Move> moves = Caffeine.newBuilder()
		.maximumSize(MAX_MOVES)
		.executor(Runnable::run)
		.build();

	private final Map<String, MemberHold> holds = new ConcurrentHashMap<>();

	void keepMove(String sessionKey, SharedSession session, Duration idleTimeout) {
		this.moves.put(sessionKey, new Move(session, idleTimeout));
	}

	void keepHold(MemberHold hold) {
		this.holds.put(hold.pool() + "\t" + hold.member(), hold);
	}

	boolean isEmpty() {
		return this.moves.estimatedSize() == 0 && this.holds.isEmpty();
	}

	/**
	 * Write back every kept hold; those written are forgotten.
	 * @param write writes one, telling whether it was written
	 * @return how many were written
	 */
	int writeHolds(Predicate<MemberHold> write) {
		int written = 0;
		for (Map.Entry<String, MemberHold> pending : List.copyOf(this.holds.entrySet())) {
			if (write.test(pending.getValue())) {
				this.holds.remove(pending.getKey(), pending.getValue());
				written++;
			}
		}
		return written;
	}

	/**
	 * Write back every kept move; those Redis answered are forgotten.
	 * @param write writes one by its session key, telling whether Redis answered
	 */
	void writeMoves(BiPredicate<String, Move> write) {
		for (Map.Entry<String, Move> pending : List.copyOf(this.moves.asMap().entrySet())) {
			if (write.test(pending.getKey(), pending.getValue())) {
				this.moves.asMap().remove(pending.getKey(), pending.getValue());
			}
		}
	}

	/**
	 * A move made while Redis was away.
	 *
	 * @param session the session after the move
	 * @param idleTimeout how long the session is kept after its last use
	 */
	record Move(SharedSession session, Duration idleTimeout) {
	}

}
