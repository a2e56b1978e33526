package io.github.modelpool.redis;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that make each session operation one atomic round trip. A session is a
 * hash with the fields {@code home}, {@code active} (absent while at home),
 * {@code switches}, {@code used} and {@code moved} (epoch milliseconds), expiring after
 * the pool's session idle timeout.
 */
final class RedisScripts {

	/**
	 * Keep the proposed home of a new session, mark it used, refresh its expiry; answer
	 * home, active, switches and last use as they were. ARGV: home, now, ttl.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> TOUCH = RedisScript.of("""
			redis.call('HSETNX', KEYS[1], 'home', ARGV[1])
			local v = redis.call('HMGET', KEYS[1], 'home', 'active', 'switches', 'used')
			redis.call('HSET', KEYS[1], 'used', ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return {v[1] or '', v[2] or '', v[3] or '', v[4] or ''}
			""", List.class);

	/**
	 * Move the session if it is still on the expected member (or unknown); answer home,
	 * active, switches and last use as they are now, and '1' when this move was written.
	 * ARGV: expected active, home, new active, switches, now, ttl.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> MOVE = RedisScript.of("""
			local v = redis.call('HMGET', KEYS[1], 'home', 'active', 'switches', 'used')
			if v[1] then
				local active = v[2] or v[1]
				if active ~= ARGV[1] then
					return {v[1], active, v[3] or '0', v[4] or ARGV[5], '0'}
				end
			end
			local home = v[1] or ARGV[2]
			redis.call('HSET', KEYS[1], 'home', home, 'active', ARGV[3], 'switches', ARGV[4],
				'used', ARGV[5], 'moved', ARGV[5])
			redis.call('PEXPIRE', KEYS[1], ARGV[6])
			return {home, ARGV[3], ARGV[4], ARGV[5], '1'}
			""", List.class);

	/**
	 * Write back a move made while the store was away, unless another instance moved the
	 * session later. ARGV: home, active, switches, moved, ttl. Answers 1 when written.
	 */
	static final RedisScript<Long> RECONCILE_SESSION = RedisScript.of("""
			local moved = redis.call('HGET', KEYS[1], 'moved')
			if moved and tonumber(moved) >= tonumber(ARGV[4]) then
				return 0
			end
			redis.call('HSETNX', KEYS[1], 'home', ARGV[1])
			redis.call('HSET', KEYS[1], 'active', ARGV[2], 'switches', ARGV[3], 'moved', ARGV[4])
			redis.call('HSETNX', KEYS[1], 'used', ARGV[4])
			redis.call('PEXPIRE', KEYS[1], ARGV[5])
			return 1
			""", Long.class);

	/**
	 * Store a member's hold in its pool's hash and announce it. KEYS: the pool's holds.
	 * ARGV: member, encoded hold, channel, message.
	 */
	static final RedisScript<Long> PUBLISH_HOLD = RedisScript.of("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			return redis.call('PUBLISH', ARGV[3], ARGV[4])
			""", Long.class);

	private RedisScripts() {
	}

}
