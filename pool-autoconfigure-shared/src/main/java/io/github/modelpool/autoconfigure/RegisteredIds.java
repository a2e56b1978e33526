package io.github.modelpool.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * The pool and declared model ids (chat and embedding) {@link ModelPoolBeanRegistrar}
 * registered beans for,
 * kept as a bean definition of their own. An application processed ahead of time runs
 * with the bean definitions written at build time; this record of them lets the
 * registrar tell, at run time, when the configuration names other pools or models than
 * those the build saw, instead of silently ignoring the difference.
 *
 * @param pools pool ids, sorted
 * @param models declared models as {@code id:provider}, sorted (a model's provider fixes
 * its bean's type)
 * @param primary the primary pool's id, empty when none is primary
 * @param embeddingPools embedding pool ids, sorted
 * @param embeddingModels declared embedding models as {@code id:provider}, sorted
 */
record RegisteredIds(List<String> pools, List<String> models, String primary, List<String> embeddingPools,
		List<String> embeddingModels) {

	static final String BEAN_NAME = "io.github.modelpool.autoconfigure.registeredIds";

	RegisteredIds {
		pools = pools.stream().sorted().toList();
		models = models.stream().sorted().toList();
		primary = Objects.requireNonNullElse(primary, "");
		embeddingPools = embeddingPools.stream().sorted().toList();
		embeddingModels = embeddingModels.stream().sorted().toList();
	}

	/**
	 * How a declared model is recorded.
	 * @param id the model's id
	 * @param provider its provider
	 * @return {@code id:provider}
	 */
	static String declaredModel(String id, String provider) {
		return id + ":" + provider;
	}

	/**
	 * Register this record as a bean definition whose constructor arguments are its
	 * values, so ahead-of-time processing writes them into the generated code.
	 */
	void register(BeanDefinitionRegistry registry) {
		RootBeanDefinition definition = new RootBeanDefinition(RegisteredIds.class);
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		ConstructorArgumentValues arguments = definition.getConstructorArgumentValues();
		arguments.addIndexedArgumentValue(0, this.pools.toArray(String[]::new));
		arguments.addIndexedArgumentValue(1, this.models.toArray(String[]::new));
		arguments.addIndexedArgumentValue(2, this.primary);
		arguments.addIndexedArgumentValue(3, this.embeddingPools.toArray(String[]::new));
		arguments.addIndexedArgumentValue(4, this.embeddingModels.toArray(String[]::new));
		definition.setLazyInit(true);
		registry.registerBeanDefinition(BEAN_NAME, definition);
	}

	/**
	 * Constructor for the bean definition's arguments.
	 */
	RegisteredIds(String[] pools, String[] models, String primary, String[] embeddingPools,
			String[] embeddingModels) {
		this(Arrays.asList(pools), Arrays.asList(models), primary, Arrays.asList(embeddingPools),
				Arrays.asList(embeddingModels));
	}

	/**
	 * The ids registered in this registry, read from the definition's arguments.
	 * @return the ids, or {@code null} when the registry holds none
	 */
	static RegisteredIds in(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(BEAN_NAME)) {
			return null;
		}
		ConstructorArgumentValues arguments = registry.getBeanDefinition(BEAN_NAME).getConstructorArgumentValues();
		return new RegisteredIds(strings(arguments, 0), strings(arguments, 1), (String) value(arguments, 2),
				strings(arguments, 3), strings(arguments, 4));
	}

	/**
	 * What differs from the ids this run configures: pools, then declared models, then
	 * the primary pool, then embedding pools and declared embedding models.
	 * @param configured the ids this run configures
	 * @return the differences, empty when none
	 */
	List<Difference> differencesFrom(RegisteredIds configured) {
		List<Difference> differences = new ArrayList<>();
		if (!this.pools.equals(configured.pools)) {
			differences.add(new Difference("pools", configured.pools,
					"pools " + configured.pools + " (built with " + this.pools + ")"));
		}
		if (!this.models.equals(configured.models)) {
			differences.add(new Difference("models", configured.models,
					"declared models " + configured.models + " (built with " + this.models + ")"));
		}
		if (!this.primary.equals(configured.primary)) {
			differences.add(new Difference("primary", configured.primary,
					"primary pool '" + configured.primary + "' (built with '" + this.primary + "')"));
		}
		if (!this.embeddingPools.equals(configured.embeddingPools)) {
			differences.add(new Difference("embedding-pools", configured.embeddingPools,
					"embedding pools " + configured.embeddingPools + " (built with " + this.embeddingPools + ")"));
		}
		if (!this.embeddingModels.equals(configured.embeddingModels)) {
			differences.add(new Difference("embedding-models", configured.embeddingModels,
					"declared embedding models " + configured.embeddingModels + " (built with "
							+ this.embeddingModels + ")"));
		}
		return differences;
	}

	/**
	 * One way this run's configuration differs from the build's.
	 *
	 * @param key the property under {@code model-pool.}
	 * @param configured what this run configures there
	 * @param description the difference in words
	 */
	record Difference(String key, Object configured, String description) {

		String property() {
			return ModelPoolProperties.PREFIX + "." + this.key;
		}

	}

	private static String[] strings(ConstructorArgumentValues arguments, int index) {
		Object value = value(arguments, index);
		return (value instanceof String[] strings) ? strings : new String[0];
	}

	private static Object value(ConstructorArgumentValues arguments, int index) {
		ConstructorArgumentValues.ValueHolder holder = arguments.getIndexedArgumentValue(index, null);
		return (holder != null) ? holder.getValue() : null;
	}

}
