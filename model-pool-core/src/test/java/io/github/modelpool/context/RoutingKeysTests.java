package io.github.modelpool.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing keys: blank ids are absent, a new run's id is unique and stable once read, and
 * a run keeps its id when the conversation changes.
 */
class RoutingKeysTests {

	@Test
	void blankIdsAreAbsent() {
		RoutingKeys keys = new RoutingKeys(" ", "");
		assertThat(keys.conversationId()).isNull();
		assertThat(keys.runId()).isNull();
		assertThat(keys).isEqualTo(RoutingKeys.NONE);
	}

	@Test
	void eachNewRunHasItsOwnIdWhichStaysTheSame() {
		RoutingKeys first = RoutingKeys.newRun("conversation-1");
		RoutingKeys second = RoutingKeys.newRun("conversation-1");
		assertThat(first.runId()).startsWith("run-").isNotEqualTo(second.runId());
		assertThat(first.runId()).isSameAs(first.runId());
		assertThat(first).isNotEqualTo(second);
		assertThat(first.conversationId()).isEqualTo("conversation-1");
	}

	@Test
	void keysEqualByTheirIdsHowEverTheRunIdWasMade() {
		RoutingKeys drawn = RoutingKeys.newRun("conversation-1");
		RoutingKeys given = new RoutingKeys("conversation-1", drawn.runId());
		assertThat(given).isEqualTo(drawn).hasSameHashCodeAs(drawn);
		assertThat(given.toString()).isEqualTo(drawn.toString());
	}

	@Test
	void aRunKeepsItsIdUnderAnotherConversation() {
		RoutingKeys run = RoutingKeys.newRun(null);
		RoutingKeys inner = run.withConversation("conversation-2");
		assertThat(inner.runId()).isEqualTo(run.runId());
		assertThat(inner.conversationId()).isEqualTo("conversation-2");
	}

	@Test
	void aThreadCarriesKeysOnlyWhileItsActionRuns() {
		RoutingKeys keys = RoutingKeys.newRun("conversation-1");
		RoutingKeys seen = ModelPoolContext.with(keys,
				() -> ModelPoolContext.withConversation("conversation-2", ModelPoolContext::current));
		assertThat(seen.conversationId()).isEqualTo("conversation-2");
		assertThat(seen.runId()).isEqualTo(keys.runId());
		assertThat(ModelPoolContext.current()).isSameAs(RoutingKeys.NONE);
	}

}
