package io.github.modelpool.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Bedrock model in two regions, declared under {@code model-pool.models} as
 * {@code provider: bedrock} and pooled from properties alone, against the simulator's
 * Converse API: each region signs with the profile's credentials for its own region,
 * makes one attempt per call (the AWS SDK's retries are off), and a throttled region
 * hands its conversations to the other, blocking and streamed.
 */
@SpringBootTest(properties = { "spring.ai.model.chat=none", "spring.ai.model.embedding=none",
		"spring.ai.model.image=none", "spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
		"spring.ai.model.moderation=none", "model-pool.models.claude-east.provider=bedrock",
		"model-pool.models.claude-east.model=anthropic.claude-3-5-haiku-20241022-v1:0",
		"model-pool.models.claude-east.region=us-east-1", "model-pool.models.claude-east.profile=pool-test",
		"model-pool.models.claude-east.options.temperature=0.4", "model-pool.models.claude-west.provider=bedrock",
		"model-pool.models.claude-west.model=anthropic.claude-3-5-haiku-20241022-v1:0",
		"model-pool.models.claude-west.region=us-west-2", "model-pool.models.claude-west.profile=pool-test",
		"model-pool.pools.claude.members[0].chat-model=claude-east",
		"model-pool.pools.claude.members[1].chat-model=claude-west", "model-pool.pools.claude.routing.home=first-healthy" })
class DeclaredBedrockModelsTests {

	private static final String ACCESS_KEY_ID = "AKIAPOOLTEST0000001";

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private static Path credentials;

	@DynamicPropertySource
	static void providerUrls(DynamicPropertyRegistry registry) {
		credentials = writeCredentials();
		System.setProperty("aws.sharedCredentialsFile", credentials.toString());
		registry.add("model-pool.models.claude-east.base-url", () -> simulator.baseUrl("claude-east"));
		registry.add("model-pool.models.claude-west.base-url", () -> simulator.baseUrl("claude-west"));
	}

	@AfterAll
	static void forgetCredentials() throws IOException {
		System.clearProperty("aws.sharedCredentialsFile");
		Files.deleteIfExists(credentials);
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ModelPool claude;

	@BeforeEach
	void heal() {
		this.claude.getMembers().forEach((member) -> member.reset());
	}

	@Test
	void eachRegionSignsWithTheProfilesCredentialsForItsOwnRegionAndSendsItsModelAndOptions() {
		assertThat(this.context.getBean("claude-east")).isInstanceOf(BedrockProxyChatModel.class);
		assertThat(text(call("signed"))).isEqualTo("[claude-east] You said: hello");
		RecordedRequest toEast = simulator.member("claude-east").requests().get(0);
		assertThat(toEast.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID)
			.contains("/us-east-1/bedrock/aws4_request");
		assertThat(toEast.model()).isEqualTo("anthropic.claude-3-5-haiku-20241022-v1:0");
		assertThat(toEast.body().path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.4);
		simulator.member("claude-east").fail(Fault.status(429));
		call("signed-2");
		assertThat(simulator.member("claude-west").requests().get(0).header("authorization"))
			.contains("/us-west-2/bedrock/aws4_request");
	}

	@Test
	void aThrottledRegionIsAskedOnceAndItsConversationMovesToTheOtherRegion() {
		simulator.member("claude-east").fail(Fault.status(429));
		assertThat(text(call("moves"))).isEqualTo("[claude-west] You said: hello");
		assertThat(simulator.member("claude-east").requestCount()).as("one attempt: the SDK's retries are off")
			.isEqualTo(1);
		assertThat(text(call("moves"))).isEqualTo("[claude-west] You said: hello");
		assertThat(simulator.member("claude-east").requestCount()).isEqualTo(1);
	}

	@Test
	void aStreamFailsOverBeforeItsFirstChunk() {
		simulator.member("claude-east").fail(Fault.status(503));
		List<ChatResponse> chunks = this.claude.stream(new Prompt("hello"))
			.contextWrite(ModelPoolContext.conversation("streamed"))
			.collectList()
			.block(Duration.ofSeconds(20));
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> text.append(textOf(chunk)));
		assertThat(text).hasToString("[claude-west] You said: hello");
	}

	private ChatResponse call(String conversation) {
		return ModelPoolContext.withConversation(conversation, () -> this.claude.call(new Prompt("hello")));
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	private static String textOf(ChatResponse chunk) {
		return (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null)
				? chunk.getResult().getOutput().getText() : "";
	}

	private static Path writeCredentials() {
		try {
			Path file = Files.createTempFile("aws-credentials", "");
			Files.writeString(file, "[pool-test]\naws_access_key_id = " + ACCESS_KEY_ID
					+ "\naws_secret_access_key = simulated-secret-0123456789\n");
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
