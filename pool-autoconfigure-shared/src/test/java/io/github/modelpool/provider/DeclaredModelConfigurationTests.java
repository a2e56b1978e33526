package io.github.modelpool.provider;

import java.util.List;

import io.github.modelpool.autoconfigure.ModelPoolAutoConfiguration;
import io.github.modelpool.autoconfigure.InvalidModelPoolConfigurationException;
import io.github.modelpool.support.SimulatedProviderModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DeclaredModelConfigurationTests {

	private static final String KEY = "sk-validation-secret-9876543210";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withPropertyValues("model-pool.models.fast.provider=openai", "model-pool.models.fast.api-key=" + KEY,
				"model-pool.models.fast.model=gpt-4o-mini", "model-pool.models.fast.base-url=http://127.0.0.1:1/fast");

	@Test
	void declaredModelIsAChatModelBeanOfItsProvidersType() {
		this.runner.withPropertyValues("model-pool.models.local.provider=ollama", "model-pool.models.local.model=llama3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("fast")).isInstanceOf(OpenAiChatModel.class);
				assertThat(context.getBean("local")).isInstanceOf(OllamaChatModel.class);
				assertThat(context.getBeanFactory().getBeanDefinition("fast").isPrimary()).isFalse();
			});
	}

	@Test
	void credentialsInABaseUrlStopStartupWithoutShowingThem() {
		for (String url : List.of("http://admin:s3cr3t-pass@127.0.0.1:1/fast", "http://127.0.0.1:1/fast?token=s3cr3t-pass&sig=x")) {
			this.runner.withPropertyValues("model-pool.models.fast.base-url=" + url).run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (!(failure instanceof InvalidModelPoolConfigurationException) && failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(InvalidModelPoolConfigurationException.class)
					.hasMessageContaining("model-pool.models.fast.base-url")
					.hasMessageContaining("put credentials in api-key")
					.hasMessageNotContaining("s3cr3t-pass");
			});
		}
	}

	@Test
	void unknownProviderFailsListingTheSupportedOnes() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.provider=mistral"),
				"model-pool.models.fast.provider", "[openai, anthropic, ollama, google-genai");
	}

	@Test
	void providerWhoseModuleIsAbsentFailsNamingTheDependency() {
		assertInvalid(this.runner.withClassLoader(new FilteredClassLoader(OllamaChatModel.class))
			.withPropertyValues("model-pool.models.local.provider=ollama", "model-pool.models.local.model=llama3"),
				"model-pool.models.local.provider", "add the dependency org.springframework.ai:spring-ai-ollama");
	}

	@Test
	void missingApiKeyFails() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.api-key="),
				"model-pool.models.fast.api-key", "need an api-key");
		this.runner.withPropertyValues("model-pool.models.local.provider=ollama", "model-pool.models.local.model=m")
			.run((context) -> assertThat(context).as("Ollama needs no key").hasNotFailed());
	}

	@Test
	void googleGenAiModelsTakeAGeminiKeyOrAVertexProjectAndLocation() {
		ApplicationContextRunner gemini = this.runner.withPropertyValues("model-pool.models.gem.provider=google-genai",
				"model-pool.models.gem.model=gemini-2.0-flash");
		gemini.withPropertyValues("model-pool.models.gem.api-key=" + KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("gem")).isInstanceOf(GoogleGenAiChatModel.class);
		});
		assertInvalid(gemini, "model-pool.models.gem.api-key", "or a project-id and a location (Vertex AI)");
		assertInvalid(gemini.withPropertyValues("model-pool.models.gem.project-id=acme"),
				"model-pool.models.gem.location", "needs the location of project 'acme'");
		assertInvalid(gemini.withPropertyValues("model-pool.models.gem.api-key=" + KEY,
				"model-pool.models.gem.project-id=acme", "model-pool.models.gem.location=us-central1"),
				"model-pool.models.gem.project-id", "not both");
		assertInvalid(gemini.withPropertyValues("model-pool.models.gem.api-key=" + KEY,
				"model-pool.models.gem.connect-timeout=2s"), "model-pool.models.gem.connect-timeout",
				"read-timeout limits the whole request");
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.project-id=acme"),
				"model-pool.models.fast.project-id", "google-genai models only");
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.location=us-central1"),
				"model-pool.models.fast.location", "google-genai models only");
	}

	@Test
	void aVertexModelWithoutGoogleCredentialsStopsStartupNamingTheModel() {
		Assumptions.assumeTrue(System.getenv("GOOGLE_APPLICATION_CREDENTIALS") == null,
				"this machine has Google application default credentials");
		this.runner
			.withPropertyValues("model-pool.models.vertex.provider=google-genai",
					"model-pool.models.vertex.model=gemini-2.0-flash", "model-pool.models.vertex.project-id=acme",
					"model-pool.models.vertex.location=europe-west4")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("default credentials");
				Throwable ours = context.getStartupFailure();
				while (!(ours instanceof IllegalStateException && ours.getMessage().startsWith("model-pool.models"))) {
					ours = ours.getCause();
				}
				assertThat(ours).hasMessageContaining("model-pool.models.vertex is served by Vertex AI (project-id 'acme')")
					.hasMessageContaining("give an api-key for the Gemini API instead");
			});
	}

	@Test
	void malformedUrlFailsWithoutShowingCredentials() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.base-url=ftp://user:hunter2@example.com"),
				"model-pool.models.fast.base-url", "not a valid http(s) URL");
		this.runner.withPropertyValues("model-pool.models.fast.base-url=ftp://user:hunter2@example.com")
			.run((context) -> assertThat(findInvalid(context.getStartupFailure()).getMessage())
				.doesNotContain("hunter2"));
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.base-url=not a url"),
				"model-pool.models.fast.base-url", "not a valid http(s) URL");
	}

	@Test
	void negativeTimeoutsFail() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.connect-timeout=-1s"),
				"model-pool.models.fast.connect-timeout", "positive duration");
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.read-timeout=-5s"),
				"model-pool.models.fast.read-timeout", "positive duration");
	}

	@Test
	void missingModelNameFails() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.model="), "model-pool.models.fast.model",
				"model name");
	}

	@Test
	void modelIdUsedAsPoolIdFails() {
		assertInvalid(this.runner.withPropertyValues("model-pool.pools.fast.members[0].chat-model=fast"),
				"model-pool.models.fast", "'fast' is also model-pool.pools.fast");
	}

	@Test
	void declaredIdClashingWithAnExistingBeanFails() {
		assertInvalid(this.runner.withUserConfiguration(SimulatedProviderModels.class)
			.withPropertyValues("model-pool.models.openAiChatModel.provider=openai",
					"model-pool.models.openAiChatModel.api-key=k", "model-pool.models.openAiChatModel.model=m"),
				"model-pool.models.openAiChatModel", "already exists");
	}

	@Test
	void invalidRetrySettingsFail() {
		assertInvalid(this.runner.withPropertyValues("model-pool.models.fast.max-attempts=0"),
				"model-pool.models.fast.max-attempts", "at least 1");
	}

	@Test
	void poolsReferenceDeclaredModelsLikeAnyBean() {
		this.runner.withPropertyValues("model-pool.pools.assistant.members[0].chat-model=fast").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("assistant"));
		});
	}

	@Test
	void keysNeverAppearInStartupFailuresOrLogs(CapturedOutput output) {
		for (List<String> properties : List.of(List.of("model-pool.models.fast.provider=mistral"),
				List.of("model-pool.models.fast.base-url=:bad"), List.of("model-pool.models.fast.model="),
				List.of("model-pool.pools.assistant.members[0].chat-model=missing"))) {
			this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
				assertThat(context).hasFailed();
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain(KEY);
				}
			});
		}
		this.runner.run((context) -> assertThat(context.getBean("fast").toString()).doesNotContain(KEY));
		assertThat(output.getAll()).doesNotContain(KEY);
	}

	private static void assertInvalid(ApplicationContextRunner runner, String property, String reason) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			InvalidModelPoolConfigurationException invalid = findInvalid(context.getStartupFailure());
			assertThat(invalid).as("startup failure %s", context.getStartupFailure()).isNotNull();
			assertThat(invalid.getProperty()).isEqualTo(property);
			assertThat(invalid.getReason()).contains(reason);
			assertThat(invalid.getMessage()).doesNotContain(KEY);
		});
	}

	private static InvalidModelPoolConfigurationException findInvalid(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidModelPoolConfigurationException invalid) {
				return invalid;
			}
		}
		return null;
	}

}
