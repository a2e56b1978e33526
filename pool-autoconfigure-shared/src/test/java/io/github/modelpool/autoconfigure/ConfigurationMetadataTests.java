package io.github.modelpool.autoconfigure;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.provider.DeclaredModelProperties;
import io.github.modelpool.provider.Provider;

import org.springframework.ai.chat.model.ChatModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata the build generates: every pool property, nested ones included, is
 * described, and enum and bean-name properties carry hints.
 */
class ConfigurationMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	private static final Map<String, JsonNode> hints = new HashMap<>();

	@BeforeAll
	static void readMetadata() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode metadata = new ObjectMapper().readTree(in);
			metadata.path("properties").forEach((property) -> properties.put(property.path("name").asText(), property));
			metadata.path("hints").forEach((hint) -> hints.put(hint.path("name").asText(), hint));
		}
	}

	@Test
	void everyPropertyIsDescribed() throws Exception {
		List<String> expected = new ArrayList<>();
		collect("model-pool", ModelPoolProperties.class, expected);
		collect("model-pool.pools.*", ModelPoolProperties.Pool.class, expected);
		collect("model-pool.pools.*.members[*]", ModelPoolProperties.Member.class, expected);
		collect("model-pool.pools.*.routing", ModelPoolProperties.Routing.class, expected);
		collect("model-pool.pools.*.switch", ModelPoolProperties.Switch.class, expected);
		collect("model-pool.pools.*.retry", ModelPoolProperties.Retry.class, expected);
		collect("model-pool.pools.*.timeouts", ModelPoolProperties.Timeouts.class, expected);
		collect("model-pool.pools.*.members[*].timeouts", ModelPoolProperties.MemberTimeouts.class, expected);
		collect("model-pool.models.*", DeclaredModelProperties.class, expected);
		collect("model-pool.models.*.options", DeclaredModelProperties.Options.class, expected);
		collect("model-pool.embedding-pools.*", ModelPoolProperties.EmbeddingPool.class, expected);
		collect("model-pool.embedding-pools.*.members[*]", ModelPoolProperties.EmbeddingMember.class, expected);
		collect("model-pool.embedding-pools.*.routing", ModelPoolProperties.Placement.class, expected);
		collect("model-pool.embedding-pools.*.switch", ModelPoolProperties.FailoverSwitch.class, expected);
		collect("model-pool.embedding-pools.*.retry", ModelPoolProperties.Retry.class, expected);
		collect("model-pool.embedding-pools.*.timeouts", ModelPoolProperties.CallTimeout.class, expected);
		collect("model-pool.embedding-models.*", DeclaredEmbeddingModelProperties.class, expected);
		collect("model-pool.failures", ModelPoolProperties.Failures.class, expected);
		collect("model-pool.failures.rules[*]", ModelPoolProperties.Rule.class, expected);
		assertThat(expected).hasSizeGreaterThan(20);
		for (String name : expected) {
			assertThat(properties).as("metadata of %s", name).containsKey(name);
			assertThat(properties.get(name).path("description").asText()).as("description of %s", name)
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A ");
			if (properties.get(name).path("type").asText().equals("java.lang.Boolean")) {
				assertThat(properties.get(name).path("description").asText()).startsWith("Whether");
			}
		}
		assertThat(properties).containsKey("management.health.modelpools.enabled");
	}

	@Test
	void enumPropertiesHintEveryValue() {
		assertEnumHint("model-pool.pools.*.routing.home", io.github.modelpool.routing.HomeStrategy.class);
		assertEnumHint("model-pool.pools.*.routing.sticky-scope", io.github.modelpool.routing.StickyScope.class);
		assertEnumHint("model-pool.pools.*.members[*].role", io.github.modelpool.routing.MemberRole.class);
		assertEnumHint("model-pool.models.*.provider", Provider.class);
		assertEnumHint("model-pool.failures.rules[*].kind", io.github.modelpool.failure.FailureRule.Kind.class);
		assertEnumHint("model-pool.embedding-pools.*.routing.home", io.github.modelpool.routing.HomeStrategy.class);
		assertEnumHint("model-pool.embedding-pools.*.members[*].role", io.github.modelpool.routing.MemberRole.class);
		List<String> embeddingProviders = new ArrayList<>();
		hints.get("model-pool.embedding-models.*.provider")
			.path("values")
			.forEach((value) -> embeddingProviders.add(value.path("value").asText()));
		assertThat(embeddingProviders).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(Provider.values()).filter(Provider::hasEmbeddingModels).map(Provider::id).toList());
	}

	@Test
	void beanNamePropertiesHintBeanReferences() {
		JsonNode chatModel = hints.get("model-pool.pools.*.members[*].chat-model").path("providers").get(0);
		assertThat(chatModel.path("name").asText()).isEqualTo("spring-bean-reference");
		assertThat(chatModel.path("parameters").path("target").asText()).isEqualTo(ChatModel.class.getName());
		JsonNode embeddingModel = hints.get("model-pool.embedding-pools.*.members[*].embedding-model")
			.path("providers")
			.get(0);
		assertThat(embeddingModel.path("parameters").path("target").asText())
			.isEqualTo("org.springframework.ai.embedding.EmbeddingModel");
		assertThat(hints.get("model-pool.primary").path("providers").get(0).path("name").asText())
			.isEqualTo("spring-bean-reference");
	}

	private static void assertEnumHint(String name, Class<? extends Enum<?>> type) {
		List<String> hinted = new ArrayList<>();
		hints.get(name).path("values").forEach((value) -> {
			hinted.add(value.path("value").asText());
			assertThat(value.path("description").asText()).isNotBlank();
		});
		assertThat(hinted).containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getEnumConstants())
			.map((constant) -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.toList());
	}

	private static void collect(String prefix, Class<?> type, List<String> names) throws Exception {
		for (PropertyDescriptor descriptor : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
			Class<?> propertyType = descriptor.getPropertyType();
			boolean nestedGroup = propertyType.getName().startsWith(ModelPoolProperties.class.getName() + "$")
					|| propertyType == DeclaredModelProperties.Options.class;
			if (descriptor.getWriteMethod() != null && !nestedGroup) {
				names.add(prefix + "." + kebab(descriptor.getName()));
			}
		}
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
