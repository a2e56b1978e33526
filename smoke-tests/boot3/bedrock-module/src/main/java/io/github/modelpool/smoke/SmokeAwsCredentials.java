package io.github.modelpool.smoke;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The AWS credentials the declared models find through the default chain, as a
 * deployment's environment would give them (here its first link, the system properties),
 * set before any bean is created.
 */
@Configuration(proxyBeanMethods = false)
@Profile("declared-members")
class SmokeAwsCredentials {

	@Bean
	static BeanFactoryPostProcessor awsCredentialsInSystemProperties() {
		return (beanFactory) -> {
			System.setProperty("aws.accessKeyId", "AKIASMOKE0000000002");
			System.setProperty("aws.secretAccessKey", "smoke-secret");
		};
	}

}
