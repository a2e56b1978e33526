package io.github.modelpool.autoconfigure;

import java.util.List;

import io.github.modelpool.context.ModelPoolContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pools of members that need no HTTP client of Spring's (an in-process model, SDK-based
 * ones) start and answer whatever optional dependency is missing: every optional class
 * of the starter sits behind a guard that works.
 */
class OptionalDependencyTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class,
				ModelPoolErrorHandlerAutoConfiguration.class, ModelPoolActuatorAutoConfiguration.class,
				ModelPoolMetricsAutoConfiguration.class))
		.withUserConfiguration(InProcessModel.class)
		.withPropertyValues("model-pool.pools.local.members[0].chat-model=inProcessChatModel");

	@ParameterizedTest
	@ValueSource(strings = { "org.springframework.web", "org.springframework.web.reactive",
			"org.springframework.http.client.reactive", "org.springframework.boot.actuate",
			"io.micrometer.core", "org.springframework.ai.retry", "org.springframework.ai.openai",
			"org.springframework.ai.anthropic", "org.springframework.ai.ollama", "org.springframework.ai.chat.client",
			"io.github.resilience4j.springboot3", "io.github.resilience4j.springboot" })
	void poolsStartAndAnswerWithout(String missingPackage) {
		this.runner.withClassLoader(new FilteredClassLoader(missingPackage)).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("local");
			ChatResponse response = ModelPoolContext.withConversation("thread-1",
					() -> context.getBean("local", ChatModel.class).call(new Prompt("hi")));
			assertThat(response.getResult().getOutput().getText()).isEqualTo("in-process answer");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class InProcessModel {

		@Bean
		ChatModel inProcessChatModel() {
			return new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					return new ChatResponse(List.of(new Generation(new AssistantMessage("in-process answer"))));
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.just(call(prompt));
				}

			};
		}

	}

}
