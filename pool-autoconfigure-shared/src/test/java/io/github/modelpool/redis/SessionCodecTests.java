package io.github.modelpool.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.modelpool.state.SharedSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session layout the Redis scripts take and answer.
 */
class SessionCodecTests {

	private static final Instant USED = Instant.ofEpochMilli(1_767_225_600_000L);

	private final SharedSession session = new SharedSession("a", "b", 2, USED);

	@Test
	void argumentsFollowEachScriptsOrder() {
		assertThat(SessionCodec.touchArguments(this.session, Duration.ofMinutes(1)))
			.containsExactly("a", "1767225600000", "60000");
		assertThat(SessionCodec.moveArguments("a", this.session, Duration.ofMillis(0)))
			.containsExactly("a", "a", "b", "2", "1767225600000", "1");
		assertThat(SessionCodec.reconcileArguments(this.session, Duration.ofSeconds(2)))
			.containsExactly("a", "b", "2", "1767225600000", "2000");
	}

	@Test
	void answersAreReadBackAndAnythingElseIsNotASession() {
		assertThat(SessionCodec.session(List.of("a", "b", "2", "1767225600000", "1"), this.session))
			.isEqualTo(this.session);
		assertThat(SessionCodec.moveWon(List.of("a", "b", "2", "1767225600000", "1"))).isTrue();
		assertThat(SessionCodec.moveWon(List.of("a", "b", "2", "1767225600000", "0"))).isFalse();
		assertThat(SessionCodec.session(List.of("a", "", "", ""), this.session))
			.isEqualTo(new SharedSession("a", "a", 0, USED));
		assertThat(SessionCodec.session(List.of("a", "b", "two", "x"), this.session)).isNull();
		assertThat(SessionCodec.session(List.of("", "b", "2", "1"), this.session)).isNull();
		assertThat(SessionCodec.session(List.of("a"), this.session)).isNull();
	}

}
