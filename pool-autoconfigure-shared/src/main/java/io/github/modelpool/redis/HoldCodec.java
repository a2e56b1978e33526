package io.github.modelpool.redis;

import java.time.Instant;
import java.util.function.Supplier;

import io.github.modelpool.state.HoldKind;
import io.github.modelpool.state.MemberHold;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Holds as Redis stores and announces them: tab-separated fields, the origin instance
 * last so that it may hold any character.
 */
final class HoldCodec {

	private static final Log logger = LogFactory.getLog(RedisStateStore.class);

	private static final String SEPARATOR = "\t";

	private HoldCodec() {
	}

	/** A hold as its pool's hash stores it under the member id. */
	static String entry(MemberHold hold) {
		return hold.kind().name() + SEPARATOR + ((hold.until() != null) ? millis(hold.until()) : "") + SEPARATOR
				+ hold.placedAt().toEpochMilli() + SEPARATOR + hold.origin();
	}

	/** A hold as the channel announces it. */
	static String message(MemberHold hold) {
		return hold.pool() + SEPARATOR + hold.member() + SEPARATOR + entry(hold);
	}

	/**
	 * The hold stored for a member, or {@code null} when this version cannot read it.
	 */
	static MemberHold fromEntryIfReadable(String pool, String member, String entry) {
		return readable(() -> fromEntry(pool, member, entry));
	}

	/**
	 * The hold announced, or {@code null} when this version cannot read it.
	 */
	static MemberHold fromMessageIfReadable(String message) {
		return readable(() -> fromMessage(message));
	}

	private static MemberHold readable(Supplier<MemberHold> reader) {
		try {
			return reader.get();
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored a hold this version cannot read: " + ex.getMessage());
			}
			return null;
		}
	}

	static MemberHold fromEntry(String pool, String member, String entry) {
		String[] fields = entry.split(SEPARATOR, 4);
		if (fields.length < 4) {
			throw new IllegalArgumentException("not a hold: '" + entry + "'");
		}
		Instant until = fields[1].isEmpty() ? null : instant(Long.parseLong(fields[1]));
		return new MemberHold(pool, member, HoldKind.valueOf(fields[0]), until, fields[3],
				Instant.ofEpochMilli(Long.parseLong(fields[2])));
	}

	static MemberHold fromMessage(String message) {
		String[] fields = message.split(SEPARATOR, 3);
		if (fields.length < 3) {
			throw new IllegalArgumentException("not a hold: '" + message + "'");
		}
		return fromEntry(fields[0], fields[1], fields[2]);
	}

	private static long millis(Instant instant) {
		return instant.equals(Instant.MAX) ? Long.MAX_VALUE : instant.toEpochMilli();
	}

	private static Instant instant(long millis) {
		return (millis == Long.MAX_VALUE) ? Instant.MAX : Instant.ofEpochMilli(millis);
	}

}
