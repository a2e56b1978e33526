package io.github.modelpool.redis;

import java.time.Duration;

/**
 * The Redis state store's defaults, the one place the store's builder and the
 * {@code model-pool.redis.*} properties take them from. Free of Spring Data Redis types,
 * so reading them loads no Redis class.
 */
public final class RedisStoreDefaults {

	/** Prefix of every key and channel the pools use. */
	public static final String KEY_PREFIX = "model-pool:";

	/** Longest wait for one Redis operation. */
	public static final Duration TIMEOUT = Duration.ofMillis(200);

	/** How often the store checks that Redis answers. */
	public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	/** How often pools exchange their accounts' use with the other instances. */
	public static final Duration USAGE_EXCHANGE_INTERVAL = Duration.ofMillis(500);

	private RedisStoreDefaults() {
	}

}
