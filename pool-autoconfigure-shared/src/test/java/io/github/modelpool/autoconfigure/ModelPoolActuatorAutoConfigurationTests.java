package io.github.modelpool.autoconfigure;

import io.github.modelpool.actuate.ModelPoolMetrics;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.actuate.ModelPoolsEndpoint;
import io.github.modelpool.actuate.ModelPoolsHealthIndicator;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.support.BootLineTestSupport;
import io.github.modelpool.support.SimulatedProviderModels;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPoolActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class,
				ModelPoolActuatorAutoConfiguration.class, ModelPoolMetricsAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(BootLineTestSupport.actuatorAutoConfigurations()))
		.withUserConfiguration(SimulatedProviderModels.class)
		.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=openAiChatModel");

	@Test
	void endpointIsCreatedOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ModelPoolsEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=modelpools")
			.run((context) -> assertThat(context).hasSingleBean(ModelPoolsEndpoint.class));
	}

	@Test
	void healthContributorIsCreatedAndCanBeTurnedOff() {
		this.runner.run((context) -> assertThat(context).hasBean("modelPoolsHealthIndicator")
			.getBean("modelPoolsHealthIndicator")
			.isInstanceOf(ModelPoolsHealthIndicator.class));
		this.runner.withPropertyValues("management.health.modelpools.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("modelPoolsHealthIndicator"));
	}

	@Test
	void metricsAreBoundToTheMeterRegistry() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ModelPoolMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("model.pool.sessions").tag("pool", "assistant").gauge())
				.isNotNull();
		});
	}

	@Test
	void autoConfigurationShouldBackOffWhenUserDefinesHealthIndicatorAndMetrics() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean("modelPoolsHealthIndicator")).isSameAs(UserBeans.INDICATOR);
			assertThat(context.getBean(ModelPoolMetrics.class)).isSameAs(context.getBean("userMetrics"));
		});
	}

	@Test
	void poolsWorkWithoutActuatorOrMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class, BootLineTestSupport.HEALTH_INDICATOR, MeterRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("assistant");
				assertThat(context).doesNotHaveBean(ModelPoolsEndpoint.class).doesNotHaveBean(ModelPoolMetrics.class);
				ChatResponse response = ModelPoolContext.withConversation("thread-1",
						() -> context.getBean("assistant", ChatModel.class).call(new Prompt("still pooling")));
				assertThat(response.getResult().getOutput().getText()).isEqualTo("[openai] You said: still pooling");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final Object INDICATOR = BootLineTestSupport.upHealthIndicator();

		@Bean
		Object modelPoolsHealthIndicator() {
			return INDICATOR;
		}

		@Bean
		ModelPoolMetrics userMetrics(MeterRegistry registry) {
			return new ModelPoolMetrics(registry, ModelPools.of(java.util.List.of()));
		}

	}

}
