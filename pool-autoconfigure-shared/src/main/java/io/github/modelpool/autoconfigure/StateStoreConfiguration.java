package io.github.modelpool.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.github.modelpool.redis.RedisStateStore;
import io.github.modelpool.state.MemoryStateStore;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The {@link StateStore} pools share state through: Redis when
 * {@code model-pool.state-store=redis}, else memory.
 */
@Configuration(proxyBeanMethods = false)
@Import({ StateStoreConfiguration.Redis.class, StateStoreConfiguration.Memory.class })
class StateStoreConfiguration {

	static String instanceId(ModelPoolProperties properties) {
		if (properties.getInstanceId() != null) {
			return properties.getInstanceId();
		}
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "instance";
		}
		byte[] suffix = new byte[3];
		ThreadLocalRandom.current().nextBytes(suffix);
		return host + "-" + HexFormat.of().formatHex(suffix);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
	@ConditionalOnProperty(prefix = ModelPoolProperties.PREFIX, name = "state-store", havingValue = "redis")
	static class Redis {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(StateStore.class)
		RedisStateStore modelPoolStateStore(ModelPoolProperties properties,
				ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
				ObjectProvider<StoreListener> listeners) {
			ReactiveRedisConnectionFactory factory = connectionFactory.getIfUnique();
			if (factory == null) {
				throw new InvalidModelPoolConfigurationException(ModelPoolProperties.PREFIX + ".state-store", "redis",
						"needs one Lettuce connection factory (a ReactiveRedisConnectionFactory bean); add "
								+ "spring-boot-starter-data-redis and configure spring.data.redis.*");
			}
			ModelPoolProperties.Redis redis = properties.getRedis();
			RedisStateStore store = RedisStateStore.builder(factory)
				.keyPrefix(redis.getKeyPrefix())
				.instanceId(instanceId(properties))
				.timeout(redis.getTimeout())
				.checkInterval(redis.getCheckInterval())
				.usageExchangeInterval(redis.getUsageExchangeInterval())
				.clock(Clock.systemUTC())
				.listener(listeners.getIfUnique(() -> StoreListener.NONE))
				.build();
			// Started with the context (SmartLifecycle), before the pools subscribe.
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = ModelPoolProperties.PREFIX, name = "state-store", havingValue = "memory",
			matchIfMissing = true)
	static class Memory {

		@Bean
		@ConditionalOnMissingBean(StateStore.class)
		MemoryStateStore modelPoolStateStore(ModelPoolProperties properties) {
			return new MemoryStateStore(instanceId(properties));
		}

	}

}
