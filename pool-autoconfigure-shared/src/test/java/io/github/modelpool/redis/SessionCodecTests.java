package io.github.modelpool.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.modelpool.state.SharedSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session layout the Redis scripts take and answer: named pairs, in any order.
 */
class SessionCodecTests {

	private static final Instant USED = Instant.ofEpochMilli(1_767_225_600_000L);

	private final SharedSession session = new SharedSession("a", "b", 2, USED);

	@Test
	void argumentsAreNamed() {
		assertThat(SessionCodec.touchArguments(this.session, Duration.ofMinutes(1)))
			.containsExactly("home", "a", "used", "1767225600000", "ttl", "60000");
		assertThat(SessionCodec.moveArguments("a", this.session, Duration.ofMillis(0))).containsExactly("expected",
				"a", "home", "a", "active", "b", "switches", "2", "used", "1767225600000", "ttl", "1");
		assertThat(SessionCodec.reconcileArguments(this.session, Duration.ofSeconds(2))).containsExactly("home", "a",
				"active", "b", "switches", "2", "used", "1767225600000", "ttl", "2000");
	}

	@Test
	void answersAreReadByNameAndAnythingElseIsNotASession() {
		List<String> moved = List.of("won", "1", "used", "1767225600000", "switches", "2", "active", "b", "home", "a");
		assertThat(SessionCodec.session(moved, this.session)).isEqualTo(this.session);
		assertThat(SessionCodec.moveWon(moved)).isTrue();
		assertThat(SessionCodec.moveWon(List.of("home", "a", "won", "0"))).isFalse();
		assertThat(SessionCodec.session(List.of("home", "a", "active", "", "switches", "", "used", ""), this.session))
			.isEqualTo(new SharedSession("a", "a", 0, USED));
		assertThat(SessionCodec.session(List.of("home", "a", "switches", "two"), this.session)).isNull();
		assertThat(SessionCodec.session(List.of("home", "", "active", "b"), this.session)).isNull();
		assertThat(SessionCodec.session(List.of("a", "b", "2", "1"), this.session)).as("positional answers").isNull();
		assertThat(SessionCodec.session(List.of("home"), this.session)).isNull();
	}

}
