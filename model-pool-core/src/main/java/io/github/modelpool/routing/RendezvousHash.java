package io.github.modelpool.routing;

import java.nio.charset.StandardCharsets;

/**
 * Weighted rendezvous (highest random weight) scores, stable across JVMs and restarts:
 * 64-bit FNV-1a over the UTF-8 bytes of the key and the member id, finished with the
 * MurmurHash3 mixer so every bit of the result depends on every input byte.
 */
final class RendezvousHash {

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private static final double TWO_TO_53 = 0x1.0p53;

	private RendezvousHash() {
	}

	/**
	 * Hash state after the key, to be continued with each member id.
	 * @param key routing key
	 * @return the partial hash
	 */
	static long keyState(String key) {
		long hash = fnv(FNV_OFFSET, key.getBytes(StandardCharsets.UTF_8));
		// A separator byte keeps ("ab", "c") and ("a", "bc") apart.
		return (hash ^ 0xff) * FNV_PRIME;
	}

	/**
	 * Weighted score of a member for a key: {@code weight / -ln(u)} with {@code u}
	 * uniform in (0, 1) drawn from the hash. The highest score wins.
	 * @param keyState result of {@link #keyState(String)}
	 * @param memberId member id bytes
	 * @param weight member weight
	 * @return the score
	 */
	static double score(long keyState, byte[] memberId, int weight) {
		long hash = fmix64(fnv(keyState, memberId));
		double unit = ((hash >>> 11) + 0.5) / TWO_TO_53;
		return weight / -Math.log(unit);
	}

	private static long fnv(long state, byte[] bytes) {
		long hash = state;
		for (byte b : bytes) {
			hash ^= (b & 0xff);
			hash *= FNV_PRIME;
		}
		return hash;
	}

	private static long fmix64(long value) {
		long k = value;
		k ^= k >>> 33;
		k *= 0xff51afd7ed558ccdL;
		k ^= k >>> 33;
		k *= 0xc4ceb9fe1a85ec53L;
		k ^= k >>> 33;
		return k;
	}

}
