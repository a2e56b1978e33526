package io.github.modelpool.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.budget.BudgetSnapshot;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPoolRateLimitedException;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two application instances over one real {@code redis-server} count a provider
 * account's declared budget together: what one uses, the other cannot, and neither
 * sends the provider a request it would refuse; with Redis away, each keeps to its
 * share.
 */
class SharedBudgetApplicationTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private static RedisServer redis;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startRedisAndTwoInstances() {
		assumeTrue(RedisServer.isInstalled(), "redis-server is not on the PATH");
		redis = RedisServer.start();
		first = start("instance-1");
		second = start("instance-2");
	}

	@AfterAll
	static void stopEverything() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void whatOneInstanceUsesTheOtherCannotAndWithRedisAwayEachKeepsToItsShare() {
		simulator.member("p").limits(4, 0, Duration.ofMinutes(1));
		call(first, "one-1");
		call(first, "one-2");
		// Off the call path, the second instance learns of the first's two requests.
		await().atMost(Duration.ofSeconds(5)).until(() -> budget(second).requestsRemaining() == 2);
		call(second, "two-1");
		call(second, "two-2");
		await().atMost(Duration.ofSeconds(5)).until(() -> budget(first).requestsRemaining() == 0);
		assertThatThrownBy(() -> call(first, "one-3")).isInstanceOf(ModelPoolRateLimitedException.class);
		assertThatThrownBy(() -> call(second, "two-3")).isInstanceOf(ModelPoolRateLimitedException.class);
		assertThat(simulator.member("p").requestCount()).isEqualTo(4);
		assertThat(simulator.member("p").rateLimitedCount()).isZero();

		redis.kill();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> budget(first).share() == 2 && budget(second).share() == 2);
			// Each instance keeps to half the limit: it used two, its half.
			assertThat(budget(first).requestsRemaining()).isZero();
			assertThatThrownBy(() -> call(first, "one-4")).isInstanceOf(ModelPoolRateLimitedException.class);
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> budget(first).share() == 1 && budget(second).share() == 1);
		assertThat(simulator.member("p").rateLimitedCount()).isZero();
	}

	private static String call(ConfigurableApplicationContext instance, String conversation) {
		ChatResponse response = ModelPoolContext.withConversation(conversation,
				() -> instance.getBean("budgeted", ModelPool.class).call(new Prompt("hello")));
		return response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

	private static BudgetSnapshot budget(ConfigurableApplicationContext instance) {
		PoolMember member = instance.getBean("budgeted", ModelPool.class).getMember("p").orElseThrow();
		return member.budget().snapshot(System.nanoTime());
	}

	/**
	 * One application instance: the pool {@code budgeted} over the declared OpenAI model
	 * {@code p} of the simulator with 4 requests a minute, its state in the test's Redis.
	 */
	private static ConfigurableApplicationContext start(String id) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String model : List.of("chat", "embedding", "image", "audio.speech", "audio.transcription",
				"moderation")) {
			properties.put("spring.ai.model." + model, "none");
		}
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", redis.port());
		properties.put("spring.data.redis.timeout", "2s");
		properties.put("model-pool.state-store", "redis");
		properties.put("model-pool.instance-id", id);
		properties.put("model-pool.redis.timeout", "1s");
		properties.put("model-pool.redis.check-interval", "200ms");
		properties.put("model-pool.redis.usage-exchange-interval", "100ms");
		properties.put("model-pool.models.p.provider", "openai");
		properties.put("model-pool.models.p.api-key", "sk-test-p");
		properties.put("model-pool.models.p.model", "gpt-p");
		properties.put("model-pool.models.p.base-url", ProviderModels.openAiBaseUrl(simulator.baseUrl("p")));
		properties.put("model-pool.models.p.rpm", "4");
		properties.put("model-pool.pools.budgeted.members[0].chat-model", "p");
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
