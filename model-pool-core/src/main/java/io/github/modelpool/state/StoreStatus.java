package io.github.modelpool.state;

import java.time.Instant;

/**
 * Whether a {@link StateStore} answers, as operators see it.
 *
 * @param reachable whether the store answered its last request
 * @param lastError the store's last error, without credentials, or {@code null}
 * @param lastErrorAt when that error happened, or {@code null}
 */
public record StoreStatus(boolean reachable, String lastError, Instant lastErrorAt) {

	/** A store that answers and never failed. */
	public static final StoreStatus REACHABLE = new StoreStatus(true, null, null);

}
