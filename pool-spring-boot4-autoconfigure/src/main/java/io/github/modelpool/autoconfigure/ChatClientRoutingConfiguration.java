package io.github.modelpool.autoconfigure;

import io.github.modelpool.context.ModelPoolRoutingAdvisor;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the advisor that carries {@code ChatClient} routing keys to the pools to every
 * auto-configured {@code ChatClient.Builder}, through Spring AI 2.0's ChatClientBuilderCustomizer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ChatClient.class)
class ChatClientRoutingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ModelPoolRoutingAdvisor modelPoolRoutingAdvisor() {
		return new ModelPoolRoutingAdvisor();
	}

	@Bean
	ChatClientBuilderCustomizer modelPoolChatClientCustomizer(ModelPoolRoutingAdvisor modelPoolRoutingAdvisor) {
		return (builder) -> builder.defaultAdvisors(modelPoolRoutingAdvisor);
	}

}
