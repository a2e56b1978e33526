package io.github.modelpool.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.provider.Provider;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;

/**
 * Registers one {@code ChatModel} bean per declared model and per configured pool, and
 * one {@code EmbeddingModel} bean per declared embedding model and per embedding pool,
 * named by their ids, once every other bean definition is known, so clashes with other
 * beans are caught at startup. The pool named by {@code model-pool.primary}, or the only
 * pool, is primary, as is the only embedding pool; declared models never are.
 * <p>
 * The definitions name static factory methods ({@link RegisteredBeans}), so ahead-of-time
 * processing writes them as code. An application run from that code already has them;
 * there the registrar only checks that this run configures the pools and declared models
 * the build saw.
 */
final class ModelPoolBeanRegistrar implements BeanDefinitionRegistryPostProcessor {

	private final Environment environment;

	ModelPoolBeanRegistrar(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Bind {@code model-pool.*}, refusing keys that bind to nothing (typos).
	 */
	static ModelPoolProperties bind(Environment environment) {
		try {
			return Binder.get(environment)
				.bindOrCreate(ModelPoolProperties.PREFIX, Bindable.of(ModelPoolProperties.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			throw ConfigurationErrors.of(ex);
		}
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		ModelPoolProperties properties = bind(this.environment);
		ClassLoader classLoader = (registry instanceof ConfigurableListableBeanFactory listable
				&& listable.getBeanClassLoader() != null) ? listable.getBeanClassLoader()
						: ModelPoolBeanRegistrar.class.getClassLoader();
		PoolPropertiesValidator.validate(properties, classLoader);
		RegisteredIds configured = new RegisteredIds(List.copyOf(properties.getPools().keySet()),
				properties.getModels()
					.entrySet()
					.stream()
					.map((model) -> RegisteredIds.declaredModel(model.getKey(), model.getValue().getProvider()))
					.toList(),
				properties.primaryPoolId(), List.copyOf(properties.getEmbeddingPools().keySet()),
				properties.getEmbeddingModels()
					.entrySet()
					.stream()
					.map((model) -> RegisteredIds.declaredModel(model.getKey(), model.getValue().getProvider()))
					.toList());
		RegisteredIds builtAheadOfTime = RegisteredIds.in(registry);
		if (builtAheadOfTime != null) {
			requireSameIds(builtAheadOfTime, configured);
			return;
		}
		properties.getModels().forEach((modelId, model) -> {
			requireFreeName(registry, modelId, PoolPropertiesValidator.modelProperty(modelId), "model");
			RootBeanDefinition definition = factoryMethodDefinition(RegisteredBeans.DECLARED_MODEL, modelId);
			definition.setTargetType(Provider.named(model.getProvider()).orElseThrow().chatModelType(classLoader));
			definition.setPrimary(false);
			registry.registerBeanDefinition(modelId, definition);
		});
		for (String poolId : properties.getPools().keySet()) {
			requireFreeName(registry, poolId, PoolPropertiesValidator.poolProperty(poolId), "pool");
			RootBeanDefinition definition = factoryMethodDefinition(RegisteredBeans.POOL, poolId);
			definition.setTargetType(ModelPool.class);
			definition.setPrimary(poolId.equals(configured.primary()));
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(poolId, definition);
		}
		properties.getEmbeddingModels().forEach((modelId, model) -> {
			requireFreeName(registry, modelId, PoolPropertiesValidator.embeddingModelProperty(modelId),
					"embedding model");
			RootBeanDefinition definition = factoryMethodDefinition(RegisteredBeans.DECLARED_EMBEDDING_MODEL, modelId);
			definition.setTargetType(
					Provider.named(model.getProvider()).orElseThrow().embeddingModelType(classLoader));
			definition.setPrimary(false);
			registry.registerBeanDefinition(modelId, definition);
		});
		String primaryEmbeddingPool = properties.primaryEmbeddingPoolId();
		for (String poolId : properties.getEmbeddingPools().keySet()) {
			requireFreeName(registry, poolId, PoolPropertiesValidator.embeddingPoolProperty(poolId), "embedding pool");
			RootBeanDefinition definition = factoryMethodDefinition(RegisteredBeans.EMBEDDING_POOL, poolId);
			definition.setTargetType(EmbeddingPool.class);
			definition.setPrimary(poolId.equals(primaryEmbeddingPool));
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(poolId, definition);
		}
		configured.register(registry);
	}

	/**
	 * A bean made by one of {@link RegisteredBeans}' static methods from its id, the
	 * factory autowired: a definition ahead-of-time processing can write as code.
	 */
	private static RootBeanDefinition factoryMethodDefinition(String factoryMethod, String id) {
		RootBeanDefinition definition = new RootBeanDefinition(RegisteredBeans.class);
		definition.setUniqueFactoryMethodName(factoryMethod);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, id);
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		return definition;
	}

	/**
	 * An application processed ahead of time runs with the beans the build registered:
	 * a run that configures other pools or declared models would silently not get them.
	 */
	private static void requireSameIds(RegisteredIds built, RegisteredIds configured) {
		List<RegisteredIds.Difference> differences = built.differencesFrom(configured);
		if (!differences.isEmpty()) {
			RegisteredIds.Difference first = differences.get(0);
			throw new InvalidModelPoolConfigurationException(first.property(), first.configured(),
					"this run configures "
							+ differences.stream()
								.map(RegisteredIds.Difference::description)
								.collect(Collectors.joining(", "))
							+ ", but the application was processed ahead of time, and pools and declared models "
							+ "are fixed then; process it again with this configuration (spring-boot:process-aot), "
							+ "or start it without spring.aot.enabled");
		}
	}


	private static void requireFreeName(BeanDefinitionRegistry registry, String name, String property, String kind) {
		if (registry.containsBeanDefinition(name) || registry.isAlias(name)
				|| (registry instanceof ConfigurableListableBeanFactory listable && listable.containsSingleton(name))) {
			throw new InvalidModelPoolConfigurationException(property, name,
					"a bean named '" + name + "' already exists; " + kind + " ids name the " + kind + "'s "
							+ (kind.startsWith("embedding") ? "EmbeddingModel" : "ChatModel")
							+ " bean, so choose another id");
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
	}

}
