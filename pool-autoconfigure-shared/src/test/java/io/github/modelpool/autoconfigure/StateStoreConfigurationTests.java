package io.github.modelpool.autoconfigure;

import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.support.SimulatedProviderModels;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which state store pools get: memory unless {@code model-pool.state-store=redis}, and a
 * clear error naming the property when Redis is asked for but cannot be had.
 */
class StateStoreConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(SimulatedProviderModels.class)
		.withPropertyValues(member("assistant", 0, "openAiChatModel"));

	@Test
	void poolsKeepTheirStateInMemoryByDefault() {
		this.runner.withPropertyValues("model-pool.instance-id=web-1").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(MemoryStateStore.class);
			StateStore store = context.getBean("assistant", ModelPool.class).getStateStore();
			assertThat(store.kind()).isEqualTo(StoreKind.MEMORY);
			assertThat(store.instanceId()).isEqualTo("web-1");
		});
	}

	@Test
	void withoutAnInstanceIdEachInstanceGetsItsOwn() {
		this.runner.run((first) -> this.runner.run((second) -> {
			String firstId = first.getBean(StateStore.class).instanceId();
			assertThat(firstId).isNotBlank().isNotEqualTo(second.getBean(StateStore.class).instanceId());
		}));
	}

	@Test
	void anApplicationsOwnStoreIsUsed() {
		MemoryStateStore own = new MemoryStateStore("own");
		this.runner.withBean(StateStore.class, () -> own)
			.withPropertyValues("model-pool.state-store=redis")
			.run((context) -> assertThat(context.getBean("assistant", ModelPool.class).getStateStore())
				.isSameAs(own));
	}

	@Test
	void redisWithoutAConnectionFactoryFailsNamingTheProperty() {
		assertInvalid("model-pool.state-store=redis", "model-pool.state-store", "spring-boot-starter-data-redis");
	}

	@Test
	void redisWithoutSpringDataRedisFailsNamingTheProperty() {
		ModelPoolAutoConfigurationTests.assertInvalid(
				this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
					.withPropertyValues("model-pool.state-store=redis"),
				"model-pool.state-store", "Spring Data Redis is not on the classpath");
	}

	@Test
	void memoryNeedsNoSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(MemoryStateStore.class));
	}

	@Test
	void invalidRedisSettingsFailNamingTheProperty() {
		assertInvalid("model-pool.redis.timeout=0s", "model-pool.redis.timeout", "must be a positive duration");
		assertInvalid("model-pool.redis.check-interval=-1s", "model-pool.redis.check-interval",
				"must be a positive duration");
		assertInvalid("model-pool.redis.key-prefix= ", "model-pool.redis.key-prefix", "must not be blank");
	}

	@Test
	void anUnknownStoreNamesTheAllowedOnes() {
		assertInvalid("model-pool.state-store=mongo", "model-pool.state-store", "must be one of memory, redis");
	}

	private void assertInvalid(String setting, String property, String reason) {
		ModelPoolAutoConfigurationTests.assertInvalid(this.runner.withPropertyValues(setting), property, reason);
	}

}
