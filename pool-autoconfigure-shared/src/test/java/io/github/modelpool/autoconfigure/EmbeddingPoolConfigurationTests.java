package io.github.modelpool.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.modelpool.actuate.ModelPoolsEndpoint;
import io.github.modelpool.actuate.ModelPoolsEndpoint.MemberDescriptor;
import io.github.modelpool.actuate.ModelPoolsEndpoint.PoolDescriptor;
import io.github.modelpool.actuate.ModelPoolsHealth;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.simulator.EmbeddingApi;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.BootLineTestSupport;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatedProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.assertInvalid;
import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Embedding pools as configured under {@code model-pool.embedding-pools}: beans named by
 * their ids over embedding model beans or models declared under
 * {@code model-pool.embedding-models}, both answering over HTTP with each line's real
 * Spring AI models; the operators' views show their type; and every configuration that
 * could mix vector spaces or names nothing stops startup naming the property.
 */
class EmbeddingPoolConfigurationTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(SimulatedProviderModels.class, SimulatedEmbeddingModels.class);

	@Test
	void anEmbeddingPoolOverEmbeddingModelBeansIsThePrimaryEmbeddingModel() {
		this.runner
			.withPropertyValues(properties(embeddingPool("vectors", 8), embeddingMember("vectors", 0, "openAiEmbeddingModel"),
					embeddingMember("vectors", 1, "ollamaEmbeddingModel"),
					"model-pool.embedding-pools.vectors.routing.home=least-loaded",
					"model-pool.embedding-pools.vectors.timeouts.call=30s"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EmbeddingPool pool = context.getBean("vectors", EmbeddingPool.class);
				assertThat(context.getBean(EmbeddingModel.class)).as("the primary EmbeddingModel").isSameAs(pool);
				assertThat(pool.dimensions()).isEqualTo(8);
				assertThat(pool.getRouting().home()).isEqualTo(HomeStrategy.LEAST_LOADED);
				assertThat(pool.getSwitching().onContextLength()).isFalse();
				assertThat(pool.getTimeouts().call()).hasSeconds(30);
				assertThat(pool.getMembers()).extracting(PoolMember::id)
					.containsExactly("openAiEmbeddingModel", "ollamaEmbeddingModel");
				assertThat(pool.getMembers()).extracting(PoolMember::type).containsOnly(ModelType.EMBEDDING);
				float[] vector = pool.embed("hello");
				assertThat(vector).containsExactly(EmbeddingApi.vector("embed-small", "hello", 8), within(1e-6f));
				assertThat(context.getBean(ModelPools.class).ids()).containsExactly("vectors");
			});
	}

	@Test
	void declaredEmbeddingModelsAreBuiltAndPooled() {
		simulator.member("embed-b").embeddingDimensions(12);
		this.runner
			.withPropertyValues(properties(declared("embed-a", "openai", "embed-small", 12),
					declared("embed-b", "ollama", "embed-small", 12), embeddingPool("vectors", 12),
					embeddingMember("vectors", 0, "embed-a"), embeddingMember("vectors", 1, "embed-b"),
					"model-pool.embedding-models.embed-a.rpm=600"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("embed-a")).isInstanceOf(EmbeddingModel.class);
				EmbeddingPool pool = context.getBean("vectors", EmbeddingPool.class);
				for (int i = 0; i < 6; i++) {
					EmbeddingResponse response = pool.call(new EmbeddingRequest(List.of("text " + i), null));
					assertThat(response.getResult().getOutput()).hasSize(12);
				}
				assertThat(simulator.member("embed-a").requestCount() + simulator.member("embed-b").requestCount())
					.isEqualTo(6);
				assertThat(simulator.member("embed-a").requests())
					.allSatisfy((request) -> assertThat(request.model()).isEqualTo("embed-small"));
				PoolMember a = pool.getMember("embed-a").orElseThrow();
				assertThat(a.servedModel()).isEqualTo("embed-small");
				assertThat(a.budget().snapshot(System.nanoTime()).requestsLimit()).isEqualTo(600);
			});
	}

	@Test
	void chatAndEmbeddingPoolsLiveSideBySideAndOperatorsSeeTheirType() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class,
					ModelPoolActuatorAutoConfiguration.class, ModelPoolMetricsAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(BootLineTestSupport.actuatorAutoConfigurations()))
			.withUserConfiguration(SimulatedProviderModels.class, SimulatedEmbeddingModels.class)
			.withPropertyValues(properties("management.endpoints.web.exposure.include=modelpools",
					member("assistant", 0, "openAiChatModel"), declared("embed-a", "openai", "embed-small", 8),
					embeddingPool("vectors", 8), embeddingMember("vectors", 0, "embed-a"),
					embeddingMember("vectors", 1, "ollamaEmbeddingModel")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ModelPools.class).ids()).containsExactly("assistant", "vectors");
				EmbeddingPool pool = context.getBean("vectors", EmbeddingPool.class);
				pool.getMember("ollamaEmbeddingModel").orElseThrow().isolate();
				pool.embed("hello");
				Map<String, PoolDescriptor> pools = context.getBean(ModelPoolsEndpoint.class).pools().pools();
				assertThat(pools.get("assistant").type()).isEqualTo("chat");
				assertThat(pools.get("assistant").primary()).isTrue();
				assertThat(pools.get("assistant").dimensions()).isNull();
				PoolDescriptor vectors = pools.get("vectors");
				assertThat(vectors.type()).isEqualTo("embedding");
				assertThat(vectors.dimensions()).isEqualTo(8);
				assertThat(vectors.primary()).as("primary names the chat pool").isFalse();
				MemberDescriptor declared = vectors.members().get(0);
				assertThat(declared.embeddingModel()).isEqualTo("embed-a");
				assertThat(declared.chatModel()).isNull();
				assertThat(declared.provider()).isEqualTo("openai");
				assertThat(declared.calls().succeeded()).isEqualTo(1);
				assertThat(vectors.members().get(1).state()).isEqualTo("FORCED_OPEN");
				assertThat(pools.get("assistant").members().get(0).embeddingModel()).isNull();
				ModelPoolsHealth.Report health = new ModelPoolsHealth(context.getBean(ModelPools.class)).read();
				assertThat(health.details().get("vectors")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("type", "embedding")
					.containsEntry("status", "DEGRADED");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find("model.pool.embedding.calls").tag("pool", "vectors").tag("member", "embed-a")
					.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
				assertThat(meters.find("model.pool.calls").tag("pool", "vectors").timer())
					.as("chat meters keep to chat pools")
					.isNull();
				assertThat(meters.find("model.pool.embedding.member.available")
					.tag("member", "ollamaEmbeddingModel")
					.gauge()
					.value()).isZero();
				assertThat(meters.find("model.pool.sessions").tag("pool", "vectors").gauge()).isNull();
				assertThat(meters.find("model.pool.sessions").tag("pool", "assistant").gauge()).isNotNull();
			});
	}

	@Test
	void dimensionsAreRequired() {
		assertInvalid(this.runner.withPropertyValues(embeddingMember("vectors", 0, "openAiEmbeddingModel")),
				"model-pool.embedding-pools.vectors.dimensions",
				"dimensions, the length of the model's vectors, is required");
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 0),
				embeddingMember("vectors", 0, "openAiEmbeddingModel")), "model-pool.embedding-pools.vectors.dimensions",
				"greater than 0");
		String withoutDimensions = declared("embed-a", "openai", "embed-small", 8).replace("\n"
				+ "model-pool.embedding-models.embed-a.dimensions=8", "");
		assertInvalid(this.runner.withPropertyValues(properties(withoutDimensions)),
				"model-pool.embedding-models.embed-a.dimensions", "is required");
	}

	@Test
	void declaredMembersOfAnotherLengthOrModelStopStartup() {
		assertInvalid(this.runner.withPropertyValues(properties(declared("embed-a", "openai", "embed-small", 8),
				embeddingPool("vectors", 1536), embeddingMember("vectors", 0, "embed-a"))),
				"model-pool.embedding-pools.vectors.members[0].embedding-model",
				"model-pool.embedding-models.embed-a.dimensions is 8, but "
						+ "model-pool.embedding-pools.vectors.dimensions is 1536");
		assertInvalid(this.runner.withPropertyValues(properties(declared("embed-a", "openai", "embed-small", 8),
				declared("embed-b", "ollama", "embed-large", 8), embeddingPool("vectors", 8),
				embeddingMember("vectors", 0, "embed-a"), embeddingMember("vectors", 1, "embed-b"))),
				"model-pool.embedding-pools.vectors.members[1].embedding-model",
				"model-pool.embedding-models.embed-b.model is 'embed-large', but "
						+ "model-pool.embedding-models.embed-a.model is 'embed-small'");
	}

	@Test
	void anIdThatIsAlreadyABeanOrAnotherIdStopsStartupNamingBoth() {
		assertInvalid(this.runner.withPropertyValues(embeddingPool("openAiChatModel", 8),
				embeddingMember("openAiChatModel", 0, "openAiEmbeddingModel")),
				"model-pool.embedding-pools.openAiChatModel", "a bean named 'openAiChatModel' already exists");
		assertInvalid(this.runner.withPropertyValues(properties(declared("openAiEmbeddingModel", "openai", "embed-small", 8))),
				"model-pool.embedding-models.openAiEmbeddingModel", "a bean named 'openAiEmbeddingModel' already exists");
		assertInvalid(this.runner.withPropertyValues(member("shared", 0, "openAiChatModel"), embeddingPool("shared", 8),
				embeddingMember("shared", 0, "openAiEmbeddingModel")), "model-pool.embedding-pools.shared",
				"'shared' is also model-pool.pools.shared");
		assertInvalid(this.runner.withPropertyValues(properties("model-pool.models.fast.provider=openai",
				"model-pool.models.fast.api-key=sk-test", "model-pool.models.fast.model=gpt-4o-mini",
				declared("fast", "openai", "embed-small", 8))), "model-pool.embedding-models.fast",
				"'fast' is also model-pool.models.fast");
	}

	@Test
	void aMemberMustNameAnEmbeddingModelBean() {
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 8),
				embeddingMember("vectors", 0, "openAiChatModel")),
				"model-pool.embedding-pools.vectors.members[0].embedding-model",
				"bean 'openAiChatModel' is not an EmbeddingModel; EmbeddingModel beans: "
						+ "[ollamaEmbeddingModel, openAiEmbeddingModel]");
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 8), embeddingMember("vectors", 0, "missing")),
				"model-pool.embedding-pools.vectors.members[0].embedding-model", "no bean named 'missing'");
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 8)),
				"model-pool.embedding-pools.vectors.members", "has no members");
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 8), embeddingMember("vectors", 0, "vectors")),
				"model-pool.embedding-pools.vectors.members[0].embedding-model", "pools cannot be members of pools");
	}

	@Test
	void keysThatApplyToChatOnlyOrToNothingStopStartup() {
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 8),
				embeddingMember("vectors", 0, "openAiEmbeddingModel"),
				"model-pool.embedding-pools.vectors.timeouts.first-token=5s"),
				"model-pool.embedding-pools.vectors.timeouts.first-token", "'first-token' is not a property here");
		assertInvalid(this.runner.withPropertyValues(embeddingPool("vectors", 8),
				embeddingMember("vectors", 0, "openAiEmbeddingModel"),
				"model-pool.embedding-pools.vectors.switch.on-context-length=true"),
				"model-pool.embedding-pools.vectors.switch.on-context-length", "is not a property here");
		assertInvalid(this.runner.withPropertyValues(properties(declared("embed-a", "openai", "embed-small", 8),
				"model-pool.embedding-models.embed-a.options.temperature=0.2")),
				"model-pool.embedding-models.embed-a.options.temperature", "options apply to chat models only");
		assertInvalid(this.runner.withPropertyValues(properties(declared("embed-a", "anthropic", "claude", 8))),
				"model-pool.embedding-models.embed-a.provider", "anthropic embedding models cannot be declared");
		assertInvalid(this.runner.withPropertyValues(properties(declared("embed-a", "openai", "embed-small", 8),
				"model-pool.embedding-models.embed-a.api-key=")), "model-pool.embedding-models.embed-a.api-key",
				"openai models need an api-key");
	}

	@Test
	void googleGenAiEmbeddingModelsAreDeclaredWhereTheLineHasTheirModule() {
		String[] declared = properties(
				declared("embed-g", "google-genai", "text-embedding-004", 8).replace(
						ProviderModels.openAiBaseUrl(simulator.baseUrl("embed-g")), simulator.baseUrl("embed-g")),
				embeddingPool("vectors", 8), embeddingMember("vectors", 0, "embed-g"));
		if (!BootLineTestSupport.DECLARES_GOOGLE_GENAI_EMBEDDINGS) {
			assertInvalid(this.runner.withPropertyValues(declared), "model-pool.embedding-models.embed-g.provider",
					"google-genai embedding models are declared on the Boot 3 line (Spring AI 1.1) only");
			return;
		}
		simulator.member("embed-g").failNext(Fault.status(500));
		this.runner.withPropertyValues(declared).run((context) -> {
			assertThat(context).hasNotFailed();
			EmbeddingPool pool = context.getBean("vectors", EmbeddingPool.class);
			List<String> texts = List.of("first", "second");
			EmbeddingResponse response = pool.call(new EmbeddingRequest(texts, null));
			for (int i = 0; i < texts.size(); i++) {
				assertThat(response.getResults().get(i).getOutput())
					.containsExactly(EmbeddingApi.vector("text-embedding-004", texts.get(i), 8), within(1e-6f));
			}
			assertThat(response.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY))
				.as("the 500 retried by the pool, not the SDK")
				.isEqualTo(2);
			assertThat(simulator.member("embed-g").requestCount()).isEqualTo(2);
		});
	}

	@Test
	void aRateLimitedAccountOfADeclaredModelIsLeft() {
		simulator.member("embed-a").fail(Fault.status(429));
		this.runner
			.withPropertyValues(properties(declared("embed-a", "openai", "embed-small", 8),
					declared("embed-b", "ollama", "embed-small", 8), embeddingPool("vectors", 8),
					embeddingMember("vectors", 0, "embed-a"), embeddingMember("vectors", 1, "embed-b")))
			.run((context) -> {
				EmbeddingPool pool = context.getBean("vectors", EmbeddingPool.class);
				for (int i = 0; i < 5; i++) {
					assertThat(pool.call(new EmbeddingRequest(List.of("text " + i), null))
						.getMetadata()
						.<String>get(ModelPool.MEMBER_METADATA_KEY)).isEqualTo("embed-b");
				}
			});
	}

	private static String embeddingPool(String pool, int dimensions) {
		return "model-pool.embedding-pools." + pool + ".dimensions=" + dimensions;
	}

	private static String embeddingMember(String pool, int index, String embeddingModel) {
		return "model-pool.embedding-pools." + pool + ".members[" + index + "].embedding-model=" + embeddingModel;
	}

	/**
	 * The properties of a declared embedding model whose account at the simulator is
	 * named after the model, as one line per property.
	 */
	private static String declared(String id, String provider, String model, int dimensions) {
		String prefix = "model-pool.embedding-models." + id;
		String baseUrl = "openai".equals(provider) ? ProviderModels.openAiBaseUrl(simulator.baseUrl(id))
				: simulator.baseUrl(id);
		return String.join("\n", prefix + ".provider=" + provider, prefix + ".api-key=sk-" + id,
				prefix + ".model=" + model, prefix + ".dimensions=" + dimensions, prefix + ".base-url=" + baseUrl);
	}

	/**
	 * Property values, a declared model's several lines split.
	 */
	private static String[] properties(String... values) {
		return Arrays.stream(values).flatMap((value) -> Arrays.stream(value.split("\n"))).toArray(String[]::new);
	}

	/**
	 * Two embedding models as Spring AI's starters would define them, of one model.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SimulatedEmbeddingModels {

		@Bean
		EmbeddingModel openAiEmbeddingModel(ProviderSimulator simulator) {
			return ProviderModels.openAiEmbedding(simulator, "openai", "embed-small");
		}

		@Bean
		EmbeddingModel ollamaEmbeddingModel(ProviderSimulator simulator) {
			return ProviderModels.ollamaEmbedding(simulator, "ollama", "embed-small");
		}

	}

}
