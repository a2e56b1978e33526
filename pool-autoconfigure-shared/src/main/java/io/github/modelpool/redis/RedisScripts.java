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

	/**
	 * Add this instance's use of an account to the current slot, announce the instance
	 * alive, and answer the other instances' use within the window and the instances
	 * alive. Slots are counted on Redis's own clock, so every instance agrees on them.
	 * KEYS: the account's use (a hash of {@code <slot>:<instance>:r|t}), the instances
	 * (a sorted set scored by when each announcement expires). ARGV: instance, requests,
	 * tokens, slot length (ms), slots in the window, announcement lifetime (ms). Answers
	 * the others' requests, their tokens and the instances alive.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> EXCHANGE_USAGE = RedisScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local slotMs = tonumber(ARGV[4])
			local slots = tonumber(ARGV[5])
			local slot = math.floor(now / slotMs)
			local me = ARGV[1]
			if tonumber(ARGV[2]) ~= 0 then redis.call('HINCRBY', KEYS[1], slot .. ':' .. me .. ':r', ARGV[2]) end
			if tonumber(ARGV[3]) ~= 0 then redis.call('HINCRBY', KEYS[1], slot .. ':' .. me .. ':t', ARGV[3]) end
			local fields = redis.call('HGETALL', KEYS[1])
			local requests, tokens = 0, 0
			for i = 1, #fields, 2 do
				local s, instance, kind = string.match(fields[i], '^(%-?%d+):(.+):([rt])$')
				s = tonumber(s)
				if s == nil or s <= slot - slots then
					redis.call('HDEL', KEYS[1], fields[i])
				elseif instance ~= me then
					if kind == 'r' then requests = requests + tonumber(fields[i + 1])
					else tokens = tokens + tonumber(fields[i + 1]) end
				end
			end
			redis.call('PEXPIRE', KEYS[1], slotMs * slots * 2)
			local life = tonumber(ARGV[6])
			redis.call('ZADD', KEYS[2], now + life, me)
			redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
			redis.call('PEXPIRE', KEYS[2], life * 2)
			return {requests, tokens, redis.call('ZCARD', KEYS[2])}
			""", List.class);

	private RedisScripts() {
	}

}
