package io.github.modelpool.config;

import java.util.Map;

import io.github.modelpool.pool.ModelPool;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Registers one {@code ChatModel} bean per configured pool, named by the pool id, once
 * every other bean definition is known, so clashes with other beans are caught at
 * startup. The pool named by {@code model-pool.primary}, or the only pool, is primary.
 */
public class ModelPoolBeanRegistrar implements BeanDefinitionRegistryPostProcessor {

	private final Environment environment;

	public ModelPoolBeanRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		ModelPoolProperties properties = Binder.get(this.environment)
			.bindOrCreate(ModelPoolProperties.PREFIX, Bindable.of(ModelPoolProperties.class));
		PoolPropertiesValidator.validate(properties);
		Map<String, ModelPoolProperties.Pool> pools = properties.getPools();
		String primary = properties.primaryPoolId();
		BeanFactory beanFactory = (BeanFactory) registry;
		for (String poolId : pools.keySet()) {
			if (registry.containsBeanDefinition(poolId) || registry.isAlias(poolId)
					|| (registry instanceof ConfigurableListableBeanFactory listable
							&& listable.containsSingleton(poolId))) {
				throw new InvalidModelPoolConfigurationException(PoolPropertiesValidator.poolProperty(poolId), poolId,
						"a bean named '" + poolId + "' already exists; pool ids name the pool's ChatModel bean, so "
								+ "choose another id");
			}
			RootBeanDefinition definition = new RootBeanDefinition(ModelPool.class,
					() -> beanFactory.getBean(ModelPoolFactory.class).create(poolId));
			definition.setPrimary(poolId.equals(primary));
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(poolId, definition);
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
	}

}
