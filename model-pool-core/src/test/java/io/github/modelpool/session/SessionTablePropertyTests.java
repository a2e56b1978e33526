package io.github.modelpool.session;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.support.FakeTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the session table that hold for any sequence of keys.
 */
class SessionTablePropertyTests {

	@Property(tries = 100)
	void theTableNeverKeepsMoreThanItsBound(@ForAll @IntRange(min = 1, max = 50) int maxSessions,
			@ForAll @Size(max = 400) List<@StringLength(min = 1, max = 300) String> keys) {
		SessionTable table = new SessionTable(maxSessions, Duration.ofHours(1), new FakeTime());
		for (String key : keys) {
			table.get(key, (newKey) -> 0);
		}
		assertThat(table.size()).isLessThanOrEqualTo(maxSessions);
		assertThat(table.states()).hasSizeLessThanOrEqualTo(maxSessions);
	}

	@Property(tries = 100)
	void aRememberedSessionKeepsItsFirstHome(@ForAll @Size(min = 1, max = 100) List<@StringLength(min = 1,
			max = 500) String> keys) {
		SessionTable table = new SessionTable(1000, Duration.ofHours(1), new FakeTime());
		for (String key : keys) {
			int home = Math.floorMod(key.hashCode(), 5);
			Session session = table.get(key, (newKey) -> home);
			assertThat(table.get(key, (newKey) -> home + 1)).isSameAs(session);
			assertThat(session.state().active()).isEqualTo(home);
			assertThat(session.key().length()).isLessThanOrEqualTo(SessionTable.MAX_STORED_KEY_LENGTH);
		}
	}

}
