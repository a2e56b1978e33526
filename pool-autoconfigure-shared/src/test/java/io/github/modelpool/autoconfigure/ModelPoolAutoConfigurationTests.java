package io.github.modelpool.autoconfigure;

import java.time.Duration;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.context.ModelPoolRoutingAdvisor;
import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.support.BootLineTestSupport;
import io.github.modelpool.support.SimulatedProviderModels;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPoolAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(SimulatedProviderModels.class);

	@Test
	void poolsWorkWithoutSpringAiRetryAutoConfiguration() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.ai.retry.autoconfigure"))
			.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=openAiChatModel")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("assistant"));
	}

	@Test
	void eachPoolIsAChatModelBeanNamedByItsId() {
		this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"), member("assistant", 1,
				"anthropicChatModel"), member("batch", 0, "openAiChatModel")).run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean("assistant")).isInstanceOf(ModelPool.class);
					assertThat(context.getBean("batch", ChatModel.class)).isInstanceOf(ModelPool.class);
					assertThat(context.getBean("assistant", ModelPool.class).getMembers()).extracting(PoolMember::id)
						.containsExactly("openAiChatModel", "anthropicChatModel");
				});
	}

	@Test
	void membersRoutingAndSwitchSettingsAreBound() {
		this.runner.withPropertyValues("model-pool.pools.assistant.members[0].id=gpt",
				"model-pool.pools.assistant.members[0].chat-model=openAiChatModel",
				"model-pool.pools.assistant.members[0].model=gpt-4o-mini",
				"model-pool.pools.assistant.members[0].weight=2",
				"model-pool.pools.assistant.members[1].id=claude",
				"model-pool.pools.assistant.members[1].chat-model=anthropicChatModel",
				"model-pool.pools.assistant.members[1].role=failover-only",
				"model-pool.pools.assistant.routing.home=round-robin",
				"model-pool.pools.assistant.routing.sticky-scope=run",
				"model-pool.pools.assistant.routing.max-sessions=50",
				"model-pool.pools.assistant.routing.session-idle-timeout=5m",
				"model-pool.pools.assistant.routing.return-home-after=10m",
				"model-pool.pools.assistant.routing.forward-cache-key=false",
				"model-pool.pools.assistant.switch.on-circuit-open=false",
				"model-pool.pools.assistant.switch.on-quota=false",
				"model-pool.pools.assistant.switch.quota-retry-after-threshold=30s",
				"model-pool.pools.assistant.switch.on-permanent=false",
				"model-pool.pools.assistant.switch.max-switches-per-session=3",
				"model-pool.pools.assistant.switch.quarantine-duration=10m")
			.run((context) -> {
				ModelPool pool = context.getBean("assistant", ModelPool.class);
				PoolMember gpt = pool.getMember("gpt").orElseThrow();
				assertThat(gpt.chatModelName()).isEqualTo("openAiChatModel");
				assertThat(gpt.model()).isEqualTo("gpt-4o-mini");
				assertThat(gpt.weight()).isEqualTo(2);
				assertThat(gpt.circuitBreaker().getName()).isEqualTo("assistant-gpt");
				assertThat(pool.getMember("claude").orElseThrow().role()).isEqualTo(MemberRole.FAILOVER_ONLY);
				assertThat(pool.getRouting().home()).isEqualTo(HomeStrategy.ROUND_ROBIN);
				assertThat(pool.getRouting().stickyScope()).isEqualTo(StickyScope.RUN);
				assertThat(pool.getRouting().maxSessions()).isEqualTo(50);
				assertThat(pool.getRouting().sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(pool.getRouting().returnHomeAfter()).isEqualTo(Duration.ofMinutes(10));
				assertThat(pool.getRouting().forwardCacheKey()).isFalse();
				assertThat(pool.getSwitching().onCircuitOpen()).isFalse();
				assertThat(pool.getSwitching().onQuota()).isFalse();
				assertThat(pool.getSwitching().quotaRetryAfterThreshold()).isEqualTo(Duration.ofSeconds(30));
				assertThat(pool.getSwitching().onPermanent()).isFalse();
				assertThat(pool.getSwitching().maxSwitchesPerSession()).isEqualTo(3);
				assertThat(pool.getSwitching().quarantineDuration()).isEqualTo(Duration.ofMinutes(10));
			});
	}

	@Test
	void theOnlyPoolIsPrimary() {
		this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"))
			.run((context) -> assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("assistant")));
	}

	@Test
	void thePoolNamedPrimaryIsPrimaryAmongSeveral() {
		this.runner
			.withPropertyValues("model-pool.primary=batch", member("assistant", 0, "openAiChatModel"),
					member("batch", 0, "anthropicChatModel"))
			.run((context) -> assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("batch")));
	}

	@Test
	void noPoolIsPrimaryAmongSeveralWithoutPrimaryProperty() {
		this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"), member("batch", 0,
				"anthropicChatModel")).run((context) -> {
					assertThat(context.getBeanFactory().getBeanDefinition("assistant").isPrimary()).isFalse();
					assertThat(context.getBeanFactory().getBeanDefinition("batch").isPrimary()).isFalse();
				});
	}

	@Test
	void chatClientBuilderWorksBesideSeveralProviderModels() {
		this.runner.withConfiguration(AutoConfigurations.of(ChatClientAutoConfiguration.class))
			.withPropertyValues(member("assistant", 0, "openAiChatModel"), member("assistant", 1,
					"anthropicChatModel"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ChatClient.Builder.class)).isNotNull();
			});
	}

	@Test
	void routingAdvisorAndCustomizerAreConfigured() {
		this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"))
			.run((context) -> assertThat(context).hasSingleBean(ModelPoolRoutingAdvisor.class)
				.hasBean("modelPoolChatClientCustomizer"));
	}

	@Test
	void poolsWorkWithoutTheChatClientModule() {
		this.runner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.withPropertyValues(member("assistant", 0, "openAiChatModel"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("assistant");
				assertThat(context).doesNotHaveBean(ModelPoolRoutingAdvisor.class);
			});
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		this.runner.withPropertyValues("model-pool.enabled=false", member("assistant", 0, "openAiChatModel"))
			.run((context) -> assertThat(context).doesNotHaveBean("assistant")
				.doesNotHaveBean(ModelPoolRoutingAdvisor.class));
	}

	@Test
	void autoConfigurationShouldBackOffWhenUserDefinesClassifierRegistryAndAdvisor() {
		this.runner.withUserConfiguration(UserBeans.class)
			.withPropertyValues(member("assistant", 0, "openAiChatModel"))
			.run((context) -> {
				assertThat(context).hasSingleBean(FailureClassifier.class)
					.hasSingleBean(CircuitBreakerRegistry.class)
					.hasSingleBean(ModelPoolRoutingAdvisor.class);
				assertThat(context.getBean(FailureClassifier.class)).isSameAs(context.getBean("userClassifier"));
				assertThat(context.getBean(ModelPoolRoutingAdvisor.class).getOrder()).isEqualTo(42);
				CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
				assertThat(registry).isSameAs(context.getBean("userRegistry"));
				assertThat(registry.find("assistant-openAiChatModel")).isPresent();
			});
	}

	@Test
	void memberBreakersComeFromResilience4jWithPerInstanceAndSharedConfiguration() {
		this.runner.withConfiguration(AutoConfigurations.of(BootLineTestSupport.CIRCUIT_BREAKER_AUTO_CONFIGURATION))
			.withPropertyValues(member("assistant", 0, "openAiChatModel"), member("assistant", 1,
					"anthropicChatModel"), member("batch", 0, "openAiChatModel"),
					"resilience4j.circuitbreaker.instances.assistant-openAiChatModel.sliding-window-size=2",
					"resilience4j.circuitbreaker.instances.assistant-openAiChatModel.minimum-number-of-calls=2",
					"resilience4j.circuitbreaker.configs.model-pool.sliding-window-size=7",
					"resilience4j.circuitbreaker.configs.model-pool.wait-duration-in-open-state=3s")
			.run((context) -> {
				CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
				ModelPool assistant = context.getBean("assistant", ModelPool.class);
				assertThat(assistant.getMember("openAiChatModel").orElseThrow().circuitBreaker())
					.isSameAs(registry.circuitBreaker("assistant-openAiChatModel"));
				assertThat(registry.circuitBreaker("assistant-openAiChatModel")
					.getCircuitBreakerConfig()
					.getSlidingWindowSize()).isEqualTo(2);
				assertThat(registry.circuitBreaker("assistant-anthropicChatModel")
					.getCircuitBreakerConfig()
					.getSlidingWindowSize()).isEqualTo(7);
				assertThat(context.getBean("batch", ModelPool.class)
					.getMember("openAiChatModel")
					.orElseThrow()
					.circuitBreaker()
					.getName()).isEqualTo("batch-openAiChatModel");
			});
	}

	@Test
	void unconfiguredMemberBreakersUseThePoolDefaults() {
		this.runner.withConfiguration(AutoConfigurations.of(BootLineTestSupport.CIRCUIT_BREAKER_AUTO_CONFIGURATION))
			.withPropertyValues(member("assistant", 0, "openAiChatModel"))
			.run((context) -> assertThat(context.getBean("assistant", ModelPool.class)
				.getMembers()
				.get(0)
				.circuitBreaker()
				.getCircuitBreakerConfig()).isSameAs(MemberCircuitBreakers.POOL_DEFAULTS));
	}

	@Test
	void poolWithoutMembersFailsNamingThePool() {
		assertInvalid(this.runner.withPropertyValues("model-pool.pools.assistant.routing.home=round-robin"),
				"model-pool.pools.assistant.members", "has no members");
	}

	@Test
	void duplicateMemberIdsFail() {
		assertInvalid(
				this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
						member("assistant", 1, "openAiChatModel")),
				"model-pool.pools.assistant.members[1].id", "used twice");
	}

	@Test
	void membersOfTwoPoolsWhoseBreakersWouldShareANameFailNamingBoth() {
		assertInvalid(this.runner.withPropertyValues("model-pool.pools.a-b.members[0].id=c",
				"model-pool.pools.a-b.members[0].chat-model=openAiChatModel", "model-pool.pools.a.members[0].id=b-c",
				"model-pool.pools.a.members[0].chat-model=anthropicChatModel"), "model-pool.pools.a.members[0].id",
				"its circuit breaker would be named 'a-b-c', as that of model-pool.pools.a-b.members[0]");
		this.runner
			.withPropertyValues("model-pool.pools.a-b.members[0].id=c",
					"model-pool.pools.a-b.members[0].chat-model=openAiChatModel", "model-pool.pools.a.members[0].id=c",
					"model-pool.pools.a.members[0].chat-model=anthropicChatModel")
			.run((context) -> assertThat(context).as("a-b-c and a-c").hasNotFailed());
	}

	@Test
	void nonPositiveWeightFails() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.members[0].weight=0"), "model-pool.pools.assistant.members[0].weight",
				"greater than 0");
	}

	@Test
	void poolWithoutHomeEligibleMemberFails() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.members[0].role=failover-only"), "model-pool.pools.assistant.members",
				"role 'member'");
	}

	@Test
	void unknownChatModelBeanFailsListingTheChatModels() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "mistralChatModel")),
				"model-pool.pools.assistant.members[0].chat-model", "[anthropicChatModel, openAiChatModel]");
	}

	@Test
	void beanThatIsNotAChatModelFails() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "providerSimulator")),
				"model-pool.pools.assistant.members[0].chat-model", "is not a ChatModel");
	}

	@Test
	void chatModelThatIsAPoolFails() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				member("outer", 0, "assistant")), "model-pool.pools.outer.members[0].chat-model",
				"pools cannot be members of pools");
	}

	@Test
	void poolIdClashingWithAnotherBeanFails() {
		assertInvalid(this.runner.withPropertyValues(member("openAiChatModel", 0, "anthropicChatModel")),
				"model-pool.pools.openAiChatModel", "already exists");
	}

	@Test
	void unknownPrimaryPoolFails() {
		assertInvalid(this.runner.withPropertyValues("model-pool.primary=nope", member("assistant", 0,
				"openAiChatModel")), "model-pool.primary", "no pool has this id");
	}

	@Test
	void invalidMemberIdFails() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.members[0].id=has space"), "model-pool.pools.assistant.members[0].id",
				"[A-Za-z0-9_-]+");
	}

	@Test
	void nonPositiveDurationsAndSizesFail() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.routing.max-sessions=0"), "model-pool.pools.assistant.routing.max-sessions",
				"greater than 0");
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.routing.session-idle-timeout=0s"),
				"model-pool.pools.assistant.routing.session-idle-timeout", "positive duration");
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.switch.quarantine-duration=-1m"),
				"model-pool.pools.assistant.switch.quarantine-duration", "positive duration");
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.switch.max-switches-per-session=-1"),
				"model-pool.pools.assistant.switch.max-switches-per-session", "negative");
	}

	@Test
	void unknownKeysStopStartupNamingTheKeyAndTheClosestValidName() {
		ApplicationContextRunner valid = this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"));
		assertInvalid(valid.withPropertyValues("model-pool.pools.assistant.switch.on-qouta=false"),
				"model-pool.pools.assistant.switch.on-qouta", "unknown property 'on-qouta'; did you mean on-quota?");
		assertInvalid(valid.withPropertyValues("model-pool.pools.assistant.routing.hom=round-robin"),
				"model-pool.pools.assistant.routing.hom", "did you mean home?");
		assertInvalid(valid.withPropertyValues("model-pool.pools.assistant.members[0].wieght=5"),
				"model-pool.pools.assistant.members[0].wieght", "did you mean weight?");
		assertInvalid(valid.withPropertyValues("model-pool.pool.x.members[0].chat-model=openAiChatModel"),
				"model-pool.pool.x.members[0].chat-model", "unknown property 'pool'; did you mean pools?");
	}

	@Test
	void aMistypedKeysValueIsNeverShown() {
		this.runner
			.withPropertyValues(member("assistant", 0, "openAiChatModel"),
					"model-pool.models.fast.provider=openai", "model-pool.models.fast.model=gpt-4o-mini",
					"model-pool.models.fast.api-key=sk-real-0123456789", "model-pool.models.fast.api-kye=sk-real-0123456789")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidModelPoolConfigurationException invalid = findCause(context.getStartupFailure(),
						InvalidModelPoolConfigurationException.class);
				assertThat(invalid.getProperty()).isEqualTo("model-pool.models.fast.api-kye");
				assertThat(invalid.getReason()).contains("did you mean api-key?");
				assertThat(invalid).hasMessageNotContaining("0123456789");
			});
	}

	@Test
	void invalidEnumValueNamesTheAllowedValuesTheWayUsersWriteThem() {
		assertInvalid(this.runner.withPropertyValues(member("assistant", 0, "openAiChatModel"),
				"model-pool.pools.assistant.routing.home=sideways"), "model-pool.pools.assistant.routing.home",
				"must be one of deterministic, round-robin, first-healthy, least-loaded");
	}

	@Test
	void invalidEnumValueFailsNamingTheProperty() {
		this.runner
			.withPropertyValues(member("assistant", 0, "openAiChatModel"),
					"model-pool.pools.assistant.routing.home=sideways")
			.run((context) -> {
				assertThat(context).hasFailed();
				BindException bind = findCause(context.getStartupFailure(), BindException.class);
				assertThat(bind).isNotNull();
				assertThat(bind.getProperty().getName().toString())
					.isEqualTo("model-pool.pools.assistant.routing.home");
				assertThat(bind.getProperty().getValue()).isEqualTo("sideways");
			});
	}

	static void assertInvalid(ApplicationContextRunner runner, String property, String reason) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			InvalidModelPoolConfigurationException invalid = findCause(context.getStartupFailure(),
					InvalidModelPoolConfigurationException.class);
			assertThat(invalid).as("startup failure %s", context.getStartupFailure()).isNotNull();
			assertThat(invalid.getProperty()).isEqualTo(property);
			assertThat(invalid.getReason()).contains(reason);
		});
	}

	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	static String member(String pool, int index, String chatModel) {
		return "model-pool.pools." + pool + ".members[" + index + "].chat-model=" + chatModel;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		FailureClassifier userClassifier() {
			return (error) -> Failure.of(FailureKind.TRANSIENT);
		}

		@Bean
		CircuitBreakerRegistry userRegistry() {
			return CircuitBreakerRegistry.ofDefaults();
		}

		@Bean
		ModelPoolRoutingAdvisor userAdvisor() {
			return new ModelPoolRoutingAdvisor(42);
		}

	}

}
