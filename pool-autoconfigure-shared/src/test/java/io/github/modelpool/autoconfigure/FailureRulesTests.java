package io.github.modelpool.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.failure.DefaultFailureClassifier;
import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.pool.ModelPool;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.modelpool.autoconfigure.ModelPoolAutoConfigurationTests.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code model-pool.failures.rules}: an unknown provider's failures classified without
 * code, for every pool, tried in order before the built-in rules; bad rules stop startup
 * naming the property.
 */
class FailureRulesTests {

	private static final String RULE = "model-pool.failures.rules[0]";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ModelPoolAutoConfiguration.class))
		.withUserConfiguration(AcmeMembers.class)
		.withPropertyValues("model-pool.pools.assistant.routing.home=first-healthy",
				"model-pool.pools.assistant.members[0].id=a", "model-pool.pools.assistant.members[0].chat-model=acmeA",
				"model-pool.pools.assistant.members[1].id=b", "model-pool.pools.assistant.members[1].chat-model=acmeB");

	@Test
	void aQuotaRuleMovesTheConversationOfAnUnknownProviderWithoutRetryingIt() {
		this.runner
			.withPropertyValues(RULE + ".exception=" + AcmeOverloaded.class.getName(), RULE + ".kind=quota")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ModelPool pool = context.getBean("assistant", ModelPool.class);
				ChatResponse answer = ModelPoolContext.withConversation("t", () -> pool.call(new Prompt("hi")));
				assertThat(answer.getMetadata().<String>get(ModelPool.MEMBER_METADATA_KEY)).isEqualTo("b");
				assertThat(context.getBean(AcmeMembers.class).failingCalls).as("not retried").hasValue(1);
				assertThat(pool.snapshot().switches()).isEqualTo(1);
			});
	}

	@Test
	void withoutARuleTheSameFailureIsTransientAndRetried() {
		this.runner.run((context) -> {
			ModelPool pool = context.getBean("assistant", ModelPool.class);
			ModelPoolContext.withConversation("t", () -> pool.call(new Prompt("hi")));
			assertThat(context.getBean(AcmeMembers.class).failingCalls).hasValue(2);
			assertThat(pool.snapshot().switches()).isZero();
		});
	}

	@Test
	void rulesAreTriedInOrderBeforeTheBuiltInClassification() {
		this.runner
			.withPropertyValues(RULE + ".exception=" + AcmeOverloaded.class.getName(),
					RULE + ".message-contains=TOKENS", RULE + ".kind=context-length",
					"model-pool.failures.rules[1].exception=java.lang.RuntimeException",
					"model-pool.failures.rules[1].kind=permanent")
			.run((context) -> {
				FailureClassifier classifier = context.getBean(FailureClassifier.class);
				assertThat(classifier.classify(new AcmeOverloaded("too many tokens")).detail().name())
					.isEqualTo("CONTEXT_LENGTH");
				assertThat(classifier.classify(new AcmeOverloaded("busy")).kind()).isEqualTo(FailureKind.PERMANENT);
			});
	}

	@Test
	void withoutRulesTheClassifierIsTheBuiltInOne() {
		this.runner.run((context) -> assertThat(context.getBean(FailureClassifier.class))
			.isExactlyInstanceOf(DefaultFailureClassifier.class));
	}

	@Test
	void aRuleWithoutExceptionOrKindStopsStartupNamingIt() {
		assertInvalid(this.runner.withPropertyValues(RULE + ".kind=quota"), RULE, "exception must name");
		assertInvalid(this.runner.withPropertyValues(RULE + ".exception=" + AcmeOverloaded.class.getName()), RULE,
				"kind must be one of quota, permanent, transient, request, context-length");
		assertInvalid(this.runner.withPropertyValues(RULE + ".exception=" + AcmeOverloaded.class.getName(),
				RULE + ".kind=quota", RULE + ".status=42"), RULE, "HTTP status");
	}

	@Test
	void aRuleNamingNoClassOnTheClassPathStopsStartup() {
		assertInvalid(this.runner.withPropertyValues(RULE + ".exception=com.acme.NoSuchException",
				RULE + ".kind=quota"), RULE + ".exception", "no such class");
	}

	@Test
	void anUnknownKindStopsStartupListingTheKinds() {
		assertInvalid(this.runner.withPropertyValues(RULE + ".exception=" + AcmeOverloaded.class.getName(),
				RULE + ".kind=overloaded"), RULE + ".kind",
				"must be one of quota, permanent, transient, request, context-length");
	}

	@Test
	void anUnknownRuleKeyStopsStartup() {
		assertInvalid(this.runner.withPropertyValues(RULE + ".exception=" + AcmeOverloaded.class.getName(),
				RULE + ".kind=quota", RULE + ".message-contain=busy"), RULE + ".message-contain", "unknown property");
	}

	/**
	 * An exception of a provider the pool does not know.
	 */
	static class AcmeOverloaded extends RuntimeException {

		AcmeOverloaded(String message) {
			super(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AcmeMembers {

		final AtomicInteger failingCalls = new AtomicInteger();

		@Bean
		ChatModel acmeA() {
			return new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					AcmeMembers.this.failingCalls.incrementAndGet();
					throw new AcmeOverloaded("acme is busy");
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.defer(() -> Flux.just(call(prompt)));
				}

			};
		}

		@Bean
		ChatModel acmeB() {
			return new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"),
							ChatGenerationMetadata.builder().finishReason("STOP").build())));
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.defer(() -> Flux.just(call(prompt)));
				}

			};
		}

	}

}
