package io.github.modelpool.pool;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderModels;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.prompt.Prompt;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ModelPoolObservationTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void blockingCallIsObservedAsThePoolOperationWithTheMembersSpringAiObservationAsChild() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ModelPool pool = pool(registry);
		ModelPoolContext.withConversation("thread-o", () -> pool.call(new Prompt("hi")));
		assertThat(registry).hasObservationWithNameEqualTo("model.pool.operation")
			.that()
			.hasLowCardinalityKeyValue("model.pool.name", "assistant")
			.hasLowCardinalityKeyValue("model.pool.member", "a")
			.hasLowCardinalityKeyValue("model.pool.outcome", "success")
			.hasLowCardinalityKeyValue("model.pool.mode", "call")
			// The simulator counts words: "hi" in, "[a] You said: hi" out.
			.hasHighCardinalityKeyValue("model.pool.tokens.input", "1")
			.hasHighCardinalityKeyValue("model.pool.tokens.cached", "0")
			.hasHighCardinalityKeyValue("model.pool.tokens.output", "4")
			.hasHighCardinalityKeyValue("model.pool.cache.hit.ratio", "0.0")
			.hasBeenStopped();
		assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationContextSatisfying(
					(parent) -> assertThat(parent.getName()).isEqualTo("model.pool.operation"));
	}

	@Test
	void streamIsObservedWithTheMemberObservationAsChild() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ModelPool pool = pool(registry);
		pool.stream(new Prompt("hi")).contextWrite(ModelPoolContext.conversation("thread-s")).blockLast();
		assertThat(registry).hasObservationWithNameEqualTo("model.pool.operation")
			.that()
			.hasLowCardinalityKeyValue("model.pool.mode", "stream")
			.hasLowCardinalityKeyValue("model.pool.outcome", "success")
			.hasBeenStopped();
		assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationContextSatisfying(
					(parent) -> assertThat(parent.getName()).isEqualTo("model.pool.operation"));
	}

	@Test
	void failedCallRecordsItsOutcomeAndError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ModelPool pool = pool(registry);
		simulator.member("a").fail(Fault.status(500));
		catchThrowable(() -> ModelPoolContext.withConversation("thread-f", () -> pool.call(new Prompt("hi"))));
		assertThat(registry).hasObservationWithNameEqualTo("model.pool.operation")
			.that()
			.hasLowCardinalityKeyValue("model.pool.outcome", "transient")
			.hasError();
	}

	private static ModelPool pool(TestObservationRegistry registry) {
		return new PoolFixture(new SimulatedModels(simulator.get()), "assistant")
			.member("a", 1, MemberRole.MEMBER, ProviderModels.openAi(simulator.get(), "a", "gpt-a", registry), null)
			.build((builder) -> builder.observationRegistry(registry));
	}

}
