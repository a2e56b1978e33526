package io.github.modelpool.autoconfigure;

import java.util.Map;

import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.provider.DeclaredModelFactory;
import io.github.modelpool.provider.Provider;

import org.springframework.ai.chat.model.ChatModel;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
 * Registers one {@code ChatModel} bean per declared model and per configured pool, named
 * by their ids, once every other bean definition is known, so clashes with other beans
 * are caught at startup. The pool named by {@code model-pool.primary}, or the only pool,
 * is primary; declared models never are.
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
		Map<String, ModelPoolProperties.Pool> pools = properties.getPools();
		String primary = properties.primaryPoolId();
		BeanFactory beanFactory = (BeanFactory) registry;
		properties.getModels().forEach((modelId, model) -> {
			requireFreeName(registry, modelId, PoolPropertiesValidator.modelProperty(modelId), "model");
			RootBeanDefinition definition = new RootBeanDefinition(ChatModel.class,
					() -> beanFactory.getBean(DeclaredModelFactory.class).create(modelId));
			definition.setTargetType(Provider.named(model.getProvider()).orElseThrow().chatModelType(classLoader));
			definition.setPrimary(false);
			registry.registerBeanDefinition(modelId, definition);
		});
		for (String poolId : pools.keySet()) {
			requireFreeName(registry, poolId, PoolPropertiesValidator.poolProperty(poolId), "pool");
			RootBeanDefinition definition = new RootBeanDefinition(ModelPool.class,
					() -> beanFactory.getBean(ModelPoolFactory.class).create(poolId));
			definition.setPrimary(poolId.equals(primary));
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(poolId, definition);
		}
	}

	private static void requireFreeName(BeanDefinitionRegistry registry, String name, String property, String kind) {
		if (registry.containsBeanDefinition(name) || registry.isAlias(name)
				|| (registry instanceof ConfigurableListableBeanFactory listable && listable.containsSingleton(name))) {
			throw new InvalidModelPoolConfigurationException(property, name,
					"a bean named '" + name + "' already exists; " + kind + " ids name the " + kind
							+ "'s ChatModel bean, so choose another id");
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
	}

}
