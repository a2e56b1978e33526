package io.github.modelpool.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * One account's prompt cache, the rule the providers document for prefix caching: a
 * request whose leading whole messages were all sent before on the same account, within
 * the cache's time to live, has those messages' tokens reported as cached. Every prefix a
 * request sends is remembered (the most recent 100,000), and each use keeps it alive.
 */
final class PromptCache {

	static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

	private static final int MAX_PREFIXES = 100_000;

	private final Map<List<Turn>, Instant> seen = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<List<Turn>, Instant> eldest) {
			return size() > MAX_PREFIXES;
		}

	};

	private Duration ttl = DEFAULT_TTL;

	/**
	 * Tokens of the request's longest prefix of whole messages seen within the time to
	 * live; the request's prefixes are remembered as seen now.
	 * @param turns the request's messages
	 * @param tokens counts a message's tokens
	 * @param now the time of the request
	 * @return the cached tokens, 0 for none
	 */
	synchronized int cachedTokens(List<Turn> turns, ToIntFunction<Turn> tokens, Instant now) {
		int cachedMessages = 0;
		for (int length = turns.size(); length > 0; length--) {
			Instant last = this.seen.get(turns.subList(0, length));
			if (last != null && last.plus(this.ttl).isAfter(now)) {
				cachedMessages = length;
				break;
			}
		}
		for (int length = 1; length <= turns.size(); length++) {
			this.seen.put(List.copyOf(turns.subList(0, length)), now);
		}
		int cached = 0;
		for (Turn turn : turns.subList(0, cachedMessages)) {
			cached += tokens.applyAsInt(turn);
		}
		return cached;
	}

	synchronized void ttl(Duration ttl) {
		this.ttl = ttl;
	}

	synchronized void clear() {
		this.seen.clear();
		this.ttl = DEFAULT_TTL;
	}

}
