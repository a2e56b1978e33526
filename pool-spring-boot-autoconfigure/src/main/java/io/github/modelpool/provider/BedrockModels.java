package io.github.modelpool.provider;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Builds declared bedrock models on the AWS SDK's Bedrock runtime clients: the model's
 * region and credentials, one attempt per request (the SDK retries throttling three
 * times by default, inside one member), streams over HTTP/1.1 (ConverseStream only sends
 * from the service; the SDK's default would be HTTP/2). Loaded only when Spring AI's
 * Bedrock Converse module is present.
 */
final class BedrockModels {

	private BedrockModels() {
	}

	static ChatModel create(String id, DeclaredModelProperties properties, ModelClients clients) {
		Region region = region(id, properties);
		AwsCredentialsProvider credentials = (properties.getProfile() != null)
				? ProfileCredentialsProvider.create(properties.getProfile())
				: DefaultCredentialsProvider.builder().build();
		ApacheHttpClient.Builder http = ApacheHttpClient.builder();
		NettyNioAsyncHttpClient.Builder asyncHttp = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1);
		if (properties.getConnectTimeout() != null) {
			http.connectionTimeout(properties.getConnectTimeout());
			asyncHttp.connectionTimeout(properties.getConnectTimeout());
		}
		if (properties.getReadTimeout() != null) {
			http.socketTimeout(properties.getReadTimeout());
			asyncHttp.readTimeout(properties.getReadTimeout());
		}
		BedrockRuntimeClient client = clients.resources()
			.closeOnShutdown(
					configure(BedrockRuntimeClient.builder().httpClientBuilder(http), region, credentials, properties)
						.build());
		BedrockRuntimeAsyncClient asyncClient = clients.resources()
			.closeOnShutdown(configure(BedrockRuntimeAsyncClient.builder().httpClientBuilder(asyncHttp), region,
					credentials, properties)
				.build());
		DeclaredModelProperties.Options options = properties.getOptions();
		return BedrockProxyChatModel.builder()
			.bedrockRuntimeClient(client)
			.bedrockRuntimeAsyncClient(asyncClient)
			.defaultOptions(BedrockChatOptions.builder()
				.model(properties.getModel())
				.temperature(options.getTemperature())
				.maxTokens(options.getMaxTokens())
				.topP(options.getTopP())
				.topK(options.getTopK())
				.stopSequences(options.getStopSequences())
				.frequencyPenalty(options.getFrequencyPenalty())
				.presencePenalty(options.getPresencePenalty())
				.build())
			.observationRegistry(clients.observationRegistry())
			.toolCallingManager(clients.toolCallingManager())
			.build();
	}

	private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region,
			AwsCredentialsProvider credentials, DeclaredModelProperties properties) {
		builder.region(region)
			.credentialsProvider(credentials)
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
		if (properties.getBaseUrl() != null && !properties.getBaseUrl().isBlank()) {
			builder.endpointOverride(URI.create(properties.getBaseUrl()));
		}
		return builder;
	}

	private static Region region(String id, DeclaredModelProperties properties) {
		if (properties.getRegion() != null) {
			return Region.of(properties.getRegion());
		}
		try {
			DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
			if (properties.getProfile() != null) {
				chain.profileName(properties.getProfile());
			}
			return chain.build().getRegion();
		}
		catch (SdkClientException ex) {
			throw new IllegalStateException("model-pool.models." + id + ".region is not set and the default AWS "
					+ "region chain found none: set region (such as us-east-1), the AWS_REGION environment variable, "
					+ "or a region in the AWS profile", ex);
		}
	}

}
