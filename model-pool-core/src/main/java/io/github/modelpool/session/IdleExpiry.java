package io.github.modelpool.session;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A session is forgotten once unused for the idle timeout: every creation, update and
 * read starts the timeout over.
 */
final class IdleExpiry implements Expiry<String, Session> {

	private final long idleNanos;

	IdleExpiry(Duration idleTimeout) {
		this.idleNanos = idleTimeout.toNanos();
	}

	@Override
	public long expireAfterCreate(String key, Session session, long currentTime) {
		return this.idleNanos;
	}

	@Override
	public long expireAfterUpdate(String key, Session session, long currentTime, long currentDuration) {
		return this.idleNanos;
	}

	@Override
	public long expireAfterRead(String key, Session session, long currentTime, long currentDuration) {
		return this.idleNanos;
	}

}
