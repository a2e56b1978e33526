package io.github.modelpool.smoke;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Two Bedrock "regions" built by hand from Spring AI 1.1's Bedrock Converse module, their
 * AWS SDK clients making one attempt per request, as README.md advises (the pool retries
 * and fails over), and streaming over HTTP/1.1, which the simulator speaks.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!declared-members")
class SmokeMembers extends SimulatorMembers {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIASMOKE0000000001", "smoke-secret"));

	@Override
	ChatModel model(String baseUrl) {
		URI endpoint = URI.create(baseUrl);
		return BedrockProxyChatModel.builder()
			.bedrockRuntimeClient(BedrockRuntimeClient.builder()
				.region(Region.US_EAST_1)
				.endpointOverride(endpoint)
				.credentialsProvider(CREDENTIALS)
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build())
			.bedrockRuntimeAsyncClient(BedrockRuntimeAsyncClient.builder()
				.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
				.region(Region.US_EAST_1)
				.endpointOverride(endpoint)
				.credentialsProvider(CREDENTIALS)
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build())
			.defaultOptions(BedrockChatOptions.builder().model("anthropic.claude-3-5-haiku-20241022-v1:0").build())
			.build();
	}

}
