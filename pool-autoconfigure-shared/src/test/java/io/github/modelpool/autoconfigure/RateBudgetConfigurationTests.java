package io.github.modelpool.autoconfigure;

import io.github.modelpool.budget.BudgetSnapshot;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.support.SimulatedProviderModels;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.assertInvalid;
import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.findCause;
import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate budgets as configured: declared on members or declared models, one per chat model
 * across pools, and rejected with the property named when they make no sense.
 */
class RateBudgetConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(SimulatedProviderModels.class);

	@Test
	void membersOverOneChatModelShareItsBudgetInEveryPool() {
		this.runner
			.withPropertyValues(member("chat", 0, "openAiChatModel"), "model-pool.pools.chat.members[0].rpm=500",
					"model-pool.pools.chat.members[0].tpm=200000", member("chat", 1, "anthropicChatModel"),
					member("batch", 0, "openAiChatModel"), "model-pool.pools.batch.routing.home=least-loaded")
			.run((context) -> {
				ModelPool chat = context.getBean("chat", ModelPool.class);
				ModelPool batch = context.getBean("batch", ModelPool.class);
				PoolMember chatGpt = chat.getMember("openAiChatModel").orElseThrow();
				assertThat(batch.getMember("openAiChatModel").orElseThrow().budget()).isSameAs(chatGpt.budget());
				BudgetSnapshot budget = chatGpt.budget().snapshot(System.nanoTime());
				assertThat(budget.requestsLimit()).isEqualTo(500);
				assertThat(budget.tokensLimit()).isEqualTo(200_000);
				assertThat(budget.declared()).isTrue();
				assertThat(chat.getMember("anthropicChatModel").orElseThrow().budget().snapshot(System.nanoTime())
					.requestsLimit()).isNull();
				assertThat(batch.getRouting().home()).isEqualTo(HomeStrategy.LEAST_LOADED);
			});
	}

	@Test
	void membersOverOneChatModelMustNotDeclareDifferentLimits() {
		assertInvalid(this.runner.withPropertyValues(member("chat", 0, "openAiChatModel"),
				"model-pool.pools.chat.members[0].rpm=500", member("batch", 0, "openAiChatModel"),
				"model-pool.pools.batch.members[0].rpm=600"), "model-pool.pools.batch.members[0].rpm",
				"model 'openAiChatModel' already has 500 from model-pool.pools.chat.members[0].rpm");
	}

	@Test
	void aDeclaredModelsLimitsAreItsMembersBudget() {
		ApplicationContextRunner declared = this.runner.withPropertyValues("model-pool.models.fast.provider=openai",
				"model-pool.models.fast.api-key=sk-test", "model-pool.models.fast.model=gpt-4o-mini",
				"model-pool.models.fast.rpm=60", member("chat", 0, "fast"));
		declared.run((context) -> assertThat(context.getBean("chat", ModelPool.class)
			.getMember("fast")
			.orElseThrow()
			.budget()
			.snapshot(System.nanoTime())
			.requestsLimit()).isEqualTo(60));
		assertInvalid(declared.withPropertyValues("model-pool.pools.chat.members[0].rpm=90"),
				"model-pool.pools.chat.members[0].rpm", "already has 60 from model-pool.models.fast.rpm");
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.provider=openai",
				"model-pool.models.fast.api-key=sk-test", "model-pool.models.fast.model=gpt-4o-mini",
				"model-pool.models.fast.tpm=0", member("chat", 0, "fast")), "model-pool.models.fast.tpm",
				"greater than 0");
	}

	@Test
	void zeroAndNegativeLimitsStopStartupNamingTheProperty() {
		assertInvalid(this.runner.withPropertyValues(member("chat", 0, "openAiChatModel"),
				"model-pool.pools.chat.members[0].rpm=0"), "model-pool.pools.chat.members[0].rpm",
				"greater than 0");
		assertInvalid(this.runner.withPropertyValues(member("chat", 0, "openAiChatModel"),
				"model-pool.pools.chat.members[0].tpm=-5"), "model-pool.pools.chat.members[0].tpm",
				"greater than 0");
	}

	@Test
	void aNonNumericLimitStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues(member("chat", 0, "openAiChatModel"), "model-pool.pools.chat.members[0].rpm=lots")
			.run((context) -> {
				assertThat(context).hasFailed();
				BindException bind = findCause(context.getStartupFailure(), BindException.class);
				assertThat(bind).isNotNull();
				assertThat(bind.getProperty().getName().toString()).isEqualTo("model-pool.pools.chat.members[0].rpm");
			});
	}

}
