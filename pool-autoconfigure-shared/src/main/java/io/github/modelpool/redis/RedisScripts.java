package io.github.modelpool.redis;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that make each session operation one atomic round trip. A session is a
 * hash with the fields {@code home}, {@code active} (absent while at home),
 * {@code switches}, {@code used} and {@code moved} (epoch milliseconds), expiring after
 * the pool's session idle timeout. Session scripts take their arguments and give their
 * answers as name/value pairs, read and written by {@link SessionCodec}, so neither side
 * depends on an order.
 */
final class RedisScripts {

	/** Reads the name/value pairs of {@code ARGV} into the table {@code a}. */
	private static final String NAMED_ARGUMENTS = """
			local a = {}
			for i = 1, #ARGV, 2 do a[ARGV[i]] = ARGV[i + 1] end
			""";

	/**
	 * Keep the proposed home of a new session, mark it used, refresh its expiry; answer
	 * the session as it was. Arguments: home, used, ttl.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> TOUCH = RedisScript.of(NAMED_ARGUMENTS + """
			redis.call('HSETNX', KEYS[1], 'home', a.home)
			local v = redis.call('HMGET', KEYS[1], 'home', 'active', 'switches', 'used')
			redis.call('HSET', KEYS[1], 'used', a.used)
			redis.call('PEXPIRE', KEYS[1], a.ttl)
			return {'home', v[1] or '', 'active', v[2] or '', 'switches', v[3] or '', 'used', v[4] or ''}
			""", List.class);

	/**
	 * Move the session if it is still on the expected member (or unknown); answer the
	 * session as it is now, and {@code won} '1' when this move was written. Arguments:
	 * expected (active member), home, active, switches, used, ttl.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> MOVE = RedisScript.of(NAMED_ARGUMENTS + """
			local v = redis.call('HMGET', KEYS[1], 'home', 'active', 'switches', 'used')
			if v[1] then
				local active = v[2] or v[1]
				if active ~= a.expected then
					return {'home', v[1], 'active', active, 'switches', v[3] or '0', 'used', v[4] or a.used,
						'won', '0'}
				end
			end
			local home = v[1] or a.home
			redis.call('HSET', KEYS[1], 'home', home, 'active', a.active, 'switches', a.switches,
				'used', a.used, 'moved', a.used)
			redis.call('PEXPIRE', KEYS[1], a.ttl)
			return {'home', home, 'active', a.active, 'switches', a.switches, 'used', a.used, 'won', '1'}
			""", List.class);

	/**
	 * Write back a move made while the store was away, unless another instance moved the
	 * session later. Arguments: home, active, switches, used (when it moved), ttl.
	 * Answers 1 when written.
	 */
	static final RedisScript<Long> RECONCILE_SESSION = RedisScript.of(NAMED_ARGUMENTS + """
			local moved = redis.call('HGET', KEYS[1], 'moved')
			if moved and tonumber(moved) >= tonumber(a.used) then
				return 0
			end
			redis.call('HSETNX', KEYS[1], 'home', a.home)
			redis.call('HSET', KEYS[1], 'active', a.active, 'switches', a.switches, 'moved', a.used)
			redis.call('HSETNX', KEYS[1], 'used', a.used)
			redis.call('PEXPIRE', KEYS[1], a.ttl)
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
