package io.github.modelpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.modelpool.actuate.ModelPoolsEndpoint;
import io.github.modelpool.autoconfigure.ModelPoolProperties;
import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.provider.DeclaredModelProperties;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of the starter that reaches code by reflection or by name, found in its
 * byte code, has the runtime hints a native image needs for it, registered by the
 * starter's own registrars (those in {@code META-INF/spring/aot.factories} and those its
 * configurations import). A new reflective use fails here until its hints are written
 * and checked below.
 */
class RuntimeHintsTests {

	private static final String BASE = "io.github.modelpool";

	/** Calls that look up members or classes by name, or load services, by owner. */
	private static final Map<String, Set<String>> REFLECTIVE_CALLS = Map.of(Class.class.getName(),
			Set.of("forName", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField",
					"getFields", "getDeclaredField", "getDeclaredFields", "getConstructor", "getDeclaredConstructor"),
			"java.util.ServiceLoader", Set.of("load"), "org.springframework.beans.PropertyAccessorFactory",
			Set.of("forBeanPropertyAccess", "forDirectFieldAccess"),
			"org.springframework.boot.context.properties.bind.Binder", Set.of("bind", "bindOrCreate"));

	/** Each class that uses reflection, and what its hints must cover. */
	private static final Map<String, BiConsumer<RuntimeHints, ClassLoader>> CHECKS = Map.of(
			BASE + ".failure.ProviderSdkAnswers", (hints, classLoader) -> publicMethods(hints,
					"com.openai.errors.OpenAIServiceException", "com.anthropic.errors.AnthropicServiceException",
					"com.openai.core.http.Headers", "com.anthropic.core.http.Headers",
					"com.google.genai.errors.ApiException", "software.amazon.awssdk.awscore.exception.AwsServiceException",
					"software.amazon.awssdk.awscore.exception.AwsErrorDetails",
					"software.amazon.awssdk.http.SdkHttpResponse", "com.azure.core.exception.HttpResponseException",
					"com.azure.core.http.HttpResponse", "com.google.api.gax.rpc.ApiException",
					"com.google.api.gax.rpc.StatusCode", "com.google.api.gax.rpc.StatusCode$Code"),
			BASE + ".pool.AnswerTokens", (hints, classLoader) -> publicMethods(hints,
					"org.springframework.ai.chat.metadata.DefaultUsage", "com.openai.models.completions.CompletionUsage",
					"com.anthropic.models.messages.Usage", "org.springframework.ai.anthropic.api.AnthropicApi$Usage",
					"org.springframework.ai.google.genai.metadata.GoogleGenAiUsage"),
			BASE + ".pool.EmbeddingContents",
			(hints, classLoader) -> publicMethods(hints, "org.springframework.ai.embedding.EmbeddingModel"),
			BASE + ".member.PlatformLine", (hints, classLoader) -> {
				assertThat(RuntimeHintsPredicates.resource()
					.forResource("META-INF/services/io.github.modelpool.member.MemberPrompts")).accepts(hints);
				assertThat(RuntimeHintsPredicates.reflection()
					.onType(TypeReference.of(BASE + ".platform.SpringAiMemberPrompts"))
					.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
			}, BASE + ".autoconfigure.SdkClientRetries", (hints, classLoader) -> fieldsAndMethods(hints,
					"org.springframework.ai.google.genai.GoogleGenAiChatModel", "com.google.genai.Client",
					"com.google.genai.ApiClient", "com.google.genai.types.HttpOptions",
					"com.google.genai.types.HttpRetryOptions", "org.springframework.ai.bedrock.converse.BedrockProxyChatModel",
					"software.amazon.awssdk.core.SdkClient", "software.amazon.awssdk.core.SdkServiceClientConfiguration",
					"software.amazon.awssdk.core.client.config.ClientOverrideConfiguration",
					"software.amazon.awssdk.retries.api.RetryStrategy", "org.springframework.ai.azure.openai.AzureOpenAiChatModel",
					"com.azure.ai.openai.OpenAIClient", "com.azure.ai.openai.implementation.OpenAIClientImpl",
					"com.azure.core.http.HttpPipeline", "com.azure.core.http.policy.RetryPolicy",
					"com.azure.core.http.policy.RetryStrategy"),
			BASE + ".autoconfigure.SdkRetries", (hints, classLoader) -> fieldsAndMethods(hints,
					"org.springframework.ai.openai.OpenAiChatModel", "org.springframework.ai.openai.OpenAiEmbeddingModel",
					"com.openai.client.OpenAIClientImpl", "com.openai.core.ClientOptions"),
			BASE + ".autoconfigure.ModelPoolBeanRegistrar", (hints, classLoader) -> {
				for (Class<?> type : List.of(ModelPoolProperties.class, ModelPoolProperties.Pool.class,
						ModelPoolProperties.Member.class, DeclaredModelProperties.class,
						ModelPoolProperties.EmbeddingPool.class, ModelPoolProperties.EmbeddingMember.class,
						DeclaredEmbeddingModelProperties.class)) {
					assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
				}
			}, BASE + ".platform.SpringAiMemberPrompts", (hints, classLoader) -> {
				for (String type : List.of("org.springframework.ai.openai.OpenAiChatOptions",
						"org.springframework.ai.anthropic.AnthropicChatOptions",
						"org.springframework.ai.ollama.api.OllamaChatOptions")) {
					assertThat(RuntimeHintsPredicates.reflection()
						.onType(TypeReference.of(type))
						.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).as(type).accepts(hints);
				}
			});

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages(BASE);

	@Test
	void everyReflectiveUseIsKnownHere() {
		Map<String, Set<String>> uses = reflectiveUses();
		assertThat(uses.keySet()).as("classes that use reflection (what they call: %s); each needs runtime hints, "
				+ "written in a registrar and checked in CHECKS", uses).isSubsetOf(CHECKS.keySet());
	}

	@Test
	void everyReflectiveUseHasItsHints() {
		ClassLoader classLoader = getClass().getClassLoader();
		RuntimeHints hints = starterHints(classLoader);
		Set<String> present = reflectiveUses().keySet();
		CHECKS.forEach((user, check) -> {
			if (present.contains(user)) {
				check.accept(hints, classLoader);
			}
		});
	}

	@Test
	void theEndpointsAnswersCanBeWrittenAsJson() {
		RuntimeHints hints = starterHints(getClass().getClassLoader());
		for (Class<?> type : List.of(ModelPoolsEndpoint.ModelPoolsDescriptor.class,
				ModelPoolsEndpoint.PoolDescriptor.class, ModelPoolsEndpoint.MemberDescriptor.class,
				ModelPoolsEndpoint.CallsDescriptor.class, ModelPoolsEndpoint.LastFailureDescriptor.class,
				ModelPoolsEndpoint.TimeoutsDescriptor.class, ModelPoolsEndpoint.StoreDescriptor.class,
				ModelPoolsEndpoint.TokensDescriptor.class, ModelPoolsEndpoint.BudgetDescriptor.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(ModelPoolsEndpoint.MemberDescriptor.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
	}

	/**
	 * The hints every registrar of the starter gives: those listed for AOT in its jars,
	 * and those its configurations import.
	 */
	private RuntimeHints starterHints(ClassLoader classLoader) {
		RuntimeHints hints = new RuntimeHints();
		List<RuntimeHintsRegistrar> registrars = new ArrayList<>(
				SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories", classLoader)
					.load(RuntimeHintsRegistrar.class)
					.stream()
					.filter((registrar) -> registrar.getClass().getName().startsWith(BASE))
					.toList());
		assertThat(registrars).as("the starter's registrars in META-INF/spring/aot.factories").isNotEmpty();
		for (JavaClass type : this.classes) {
			if (type.isAnnotatedWith(ImportRuntimeHints.class)) {
				ImportRuntimeHints imported = ClassUtils.resolveClassName(type.getName(), classLoader)
					.getAnnotation(ImportRuntimeHints.class);
				for (Class<? extends RuntimeHintsRegistrar> registrar : imported.value()) {
					registrars.add(BeanUtils.instantiateClass(registrar));
				}
			}
		}
		registrars.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	/**
	 * Top-level classes of the starter that call a reflective API, with what they call.
	 */
	private Map<String, Set<String>> reflectiveUses() {
		Map<String, Set<String>> uses = new TreeMap<>();
		for (JavaClass type : this.classes) {
			for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
				String owner = call.getTargetOwner().getName();
				if (REFLECTIVE_CALLS.getOrDefault(owner, Set.of()).contains(call.getName())) {
					String user = type.getName().contains("$") ? type.getName().substring(0, type.getName().indexOf('$'))
							: type.getName();
					uses.computeIfAbsent(user, (key) -> new TreeSet<>()).add(owner + "." + call.getName());
				}
			}
		}
		return uses;
	}

	private static void publicMethods(RuntimeHints hints, String... types) {
		for (String type : types) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(type))
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).as(type).accepts(hints);
		}
	}

	/**
	 * Private fields readable (the category is named differently on each line's Spring
	 * Framework) and public methods callable.
	 */
	private static void fieldsAndMethods(RuntimeHints hints, String... types) {
		for (String type : types) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(type))
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).as(type).accepts(hints);
			assertThat(hints.reflection().getTypeHint(TypeReference.of(type)).getMemberCategories())
				.as(type)
				.map(MemberCategory::name)
				.anyMatch((category) -> category.endsWith("DECLARED_FIELDS"));
		}
	}

}
