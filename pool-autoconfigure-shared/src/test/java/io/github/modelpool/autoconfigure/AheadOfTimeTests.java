package io.github.modelpool.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Pools and declared models processed ahead of time: their bean definitions are written
 * as code, compiled, and a context run from that code has them; a run that configures
 * other ids stops, naming the property.
 */
@CompileWithForkedClassLoader
class AheadOfTimeTests {

	private static final Map<String, Object> BUILT = Map.of(
			"model-pool.models.declared.provider", "openai",
			"model-pool.models.declared.base-url", "http://127.0.0.1:9",
			"model-pool.models.declared.api-key", "build-key",
			"model-pool.models.declared.model", "gpt-4o-mini",
			"model-pool.pools.assistant.members[0].chat-model", "inMemory",
			"model-pool.pools.assistant.members[1].chat-model", "declared");

	@Test
	void poolsAndDeclaredModelsRunFromGeneratedCode() {
		runAheadOfTime(BUILT, (context) -> {
			ModelPool pool = context.getBean("assistant", ModelPool.class);
			assertThat(pool.getMembers()).extracting(PoolMember::id).containsExactly("inMemory", "declared");
			assertThat(context.getBean("declared", ChatModel.class).getClass().getSimpleName())
				.isEqualTo("OpenAiChatModel");
			assertThat(pool.call(new Prompt("hi")).getResult().getOutput().getText()).isEqualTo("from memory");
		});
	}

	@Test
	void membersAndSettingsAreReadWhenTheApplicationStarts() {
		Map<String, Object> run = new HashMap<>(BUILT);
		run.put("model-pool.pools.assistant.members[0].weight", "3");
		run.put("model-pool.models.declared.api-key", "run-key");
		runAheadOfTime(BUILT, run, (context) -> assertThat(context.getBean("assistant", ModelPool.class)
			.getMember("inMemory")
			.orElseThrow()
			.weight()).isEqualTo(3));
	}

	@Test
	void anotherPrimaryPoolAtRunTimeStopsStartupNamingTheProperty() {
		Map<String, Object> built = new HashMap<>(BUILT);
		built.put("model-pool.pools.batch.members[0].chat-model", "inMemory");
		built.put("model-pool.primary", "assistant");
		Map<String, Object> run = new HashMap<>(built);
		run.put("model-pool.primary", "batch");
		Throwable thrown = catchThrowable(() -> runAheadOfTime(built, run, (context) -> {
		}));
		assertThat(thrown).hasStackTraceContaining("model-pool.primary = batch");
	}

	@Test
	void anotherPoolAtRunTimeStopsStartupNamingTheProperty() {
		Map<String, Object> run = new HashMap<>(BUILT);
		run.put("model-pool.pools.batch.members[0].chat-model", "inMemory");
		assertThat(startupFailure(run)).hasMessageContaining("model-pool.pools = [assistant, batch]")
			.hasMessageContaining("built with [assistant]")
			.hasMessageContaining("processed ahead of time");
	}

	@Test
	void anotherDeclaredModelAtRunTimeStopsStartupNamingTheProperty() {
		Map<String, Object> run = new HashMap<>(BUILT);
		run.put("model-pool.models.other.provider", "openai");
		run.put("model-pool.models.other.api-key", "key");
		run.put("model-pool.models.other.model", "gpt-4o");
		assertThat(startupFailure(run)).hasMessageContaining("model-pool.models = [declared:openai, other:openai]");
	}

	@Test
	void anotherProviderForADeclaredModelAtRunTimeStopsStartupNamingTheProperty() {
		Map<String, Object> run = new HashMap<>(BUILT);
		run.put("model-pool.models.declared.provider", "anthropic");
		assertThat(startupFailure(run)).hasMessageContaining("model-pool.models = [declared:anthropic]")
			.hasMessageContaining("built with [declared:openai]");
	}

	/**
	 * The configuration error a run with these properties stops with.
	 */
	private static InvalidModelPoolConfigurationException startupFailure(Map<String, Object> atRun) {
		Throwable thrown = catchThrowable(() -> runAheadOfTime(BUILT, atRun, (context) -> {
		}));
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidModelPoolConfigurationException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("expected a model pool configuration error", thrown);
	}

	private static void runAheadOfTime(Map<String, Object> properties, Consumer<GenericApplicationContext> check) {
		runAheadOfTime(properties, properties, check);
	}

	@SuppressWarnings("unchecked")
	private static void runAheadOfTime(Map<String, Object> atBuild, Map<String, Object> atRun,
			Consumer<GenericApplicationContext> check) {
		GenericApplicationContext build = context(atBuild);
		AnnotationConfigUtils.registerAnnotationConfigProcessors(build);
		build.registerBean(Members.class);
		build.registerBean(ModelPoolAutoConfiguration.class);
		TestGenerationContext generation = new TestGenerationContext();
		ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(build, generation);
		generation.writeGeneratedContent();
		TestCompiler.forSystem().with(generation).compile((compiled) -> {
			GenericApplicationContext run = context(atRun);
			ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
				.getInstance(ApplicationContextInitializer.class, initializerName.toString());
			initializer.initialize(run);
			try {
				run.refresh();
				check.accept(run);
			}
			finally {
				run.close();
			}
		});
	}

	private static GenericApplicationContext context(Map<String, Object> properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	static class Members {

		@Bean
		ChatModel inMemory() {
			return (prompt) -> new ChatResponse(List.of(new Generation(new AssistantMessage("from memory"))));
		}

	}

}
