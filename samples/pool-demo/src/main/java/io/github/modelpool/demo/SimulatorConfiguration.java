package io.github.modelpool.demo;

import java.time.Duration;

import io.github.modelpool.simulator.ProviderSimulator;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The simulated providers the demo's models talk to when no real keys are used. They
 * listen on their own loopback port, speak the OpenAI and Anthropic APIs, take a little
 * time like real providers, and take fault injection.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!real")
class SimulatorConfiguration {

	@Bean(destroyMethod = "close")
	ProviderSimulator providerSimulator(@Value("${demo.simulator.port}") int port,
			@Value("${demo.simulator.latency}") Duration latency,
			@Value("${demo.simulator.chunk-delay}") Duration chunkDelay) {
		return ProviderSimulator.start(port).replies(new DemoReplies()).pace(latency, chunkDelay);
	}

	/**
	 * Says where to look once the web server is up.
	 */
	@Bean
	ApplicationListener<WebServerInitializedEvent> demoAddresses(ProviderSimulator simulator) {
		return (event) -> LogFactory.getLog(PoolDemoApplication.class)
			.info("Simulated providers on http://127.0.0.1:" + simulator.port() + "; dashboard on http://localhost:"
					+ event.getWebServer().getPort() + "/");
	}

}
