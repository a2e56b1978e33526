package io.github.modelpool.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.modelpool.pool.ModelPool;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pools start and stop with the context, and their deadline-bound blocking calls run on
 * Spring Boot's task executor when there is one, else on one bounded executor of their
 * own that ends with the context.
 */
class PoolLifecycleConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(RecordingModel.class)
		.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=recordingModel",
				"model-pool.pools.assistant.timeouts.call=5s", "model-pool.pools.batch.members[0].chat-model=recordingModel");

	@Test
	void poolsRunWithTheContextAndStopWhenItCloses() {
		AtomicReference<List<ModelPool>> pools = new AtomicReference<>();
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			pools.set(List.copyOf(context.getBeansOfType(ModelPool.class).values()));
			assertThat(pools.get()).hasSize(2).allMatch(ModelPool::isRunning);
		});
		assertThat(pools.get()).noneMatch(ModelPool::isRunning);
	}

	@Test
	void withoutATaskExecutorThePoolsShareTheirOwnBoundedWorkersWhichEndWithTheContext() {
		AtomicReference<ExecutorService> workers = new AtomicReference<>();
		this.runner.withPropertyValues("model-pool.call-executor.max-threads=3", "model-pool.call-executor.queue-capacity=7")
			.run((context) -> {
				ModelPool assistant = context.getBean("assistant", ModelPool.class);
				assistant.call(new Prompt("hi"));
				Thread servedOn = context.getBean(RecordingModel.class).servedOn.get();
				assertThat(servedOn.getName()).startsWith("model-pool-call-");
				ThreadPoolExecutor executor = (ThreadPoolExecutor) context.getBean(ModelPoolFactory.class).callExecutor();
				assertThat(executor.getMaximumPoolSize()).isEqualTo(3);
				assertThat(executor.getQueue().remainingCapacity()).isEqualTo(7);
				workers.set(executor);
			});
		assertThat(workers.get().isShutdown()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> workers.get().awaitTermination(100, TimeUnit.MILLISECONDS));
	}

	@Test
	void springBootsTaskExecutorRunsTheCallsWhenPresent() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).run((context) -> {
			context.getBean("assistant", ModelPool.class).call(new Prompt("hi"));
			assertThat(context.getBean(RecordingModel.class).servedOn.get().getName()).startsWith("task-");
			assertThat(context.getBean(ModelPoolFactory.class).callExecutor())
				.isSameAs(context.getBean("applicationTaskExecutor"));
		});
	}

	@Test
	void badExecutorSettingsStopStartupNamingTheProperty() {
		assertInvalid("model-pool.call-executor.max-threads=0", "model-pool.call-executor.max-threads", "at least 1");
		assertInvalid("model-pool.call-executor.queue-capacity=-1", "model-pool.call-executor.queue-capacity",
				"must not be negative");
	}

	private void assertInvalid(String setting, String property, String reason) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			InvalidModelPoolConfigurationException invalid = null;
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				if (cause instanceof InvalidModelPoolConfigurationException found) {
					invalid = found;
				}
			}
			assertThat(invalid).as("%s", context.getStartupFailure()).isNotNull();
			assertThat(invalid.getProperty()).isEqualTo(property);
			assertThat(invalid.getReason()).contains(reason);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingModel {

		final AtomicReference<Thread> servedOn = new AtomicReference<>();

		@Bean
		ChatModel recordingModel() {
			return (prompt) -> {
				this.servedOn.set(Thread.currentThread());
				return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));
			};
		}

	}

}
