package io.github.modelpool.pool;

import java.time.Duration;
import java.util.List;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.simulator.EmbeddingApi;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assertions.within;

/**
 * An embedding pool over each line's real Spring AI embedding models, an OpenAI account
 * and an Ollama server serving one model, talking HTTP to the simulator: batches are
 * answered whole, quota, permanent and transient failures fail over as in chat pools, a
 * caller's bad request reaches the caller unchanged, and a member of another vector
 * length is never handed on.
 */
class EmbeddingPoolFailoverTests {

	private static final String MODEL = "embed-small";

	private static final int DIMENSIONS = 8;

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(MemberCircuitBreakers.POOL_DEFAULTS);

	@Test
	void aBatchIsAnsweredWholeByOneMember() {
		EmbeddingPool pool = pool();
		List<String> texts = List.of("first", "second", "third");

		EmbeddingResponse response = pool.call(new EmbeddingRequest(texts, null));

		for (int i = 0; i < texts.size(); i++) {
			assertThat(response.getResults().get(i).getOutput())
				.containsExactly(EmbeddingApi.vector(MODEL, texts.get(i), DIMENSIONS), within(1e-6f));
		}
		String served = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		assertThat(served).isIn("openai", "ollama");
		assertThat(simulator.member("openai").requestCount() + simulator.member("ollama").requestCount())
			.as("one request for the batch")
			.isEqualTo(1);
	}

	@Test
	void aRateLimitedAccountIsLeftForTheOtherMember() {
		simulator.member("openai").fail(Fault.status(429));
		EmbeddingPool pool = pool();

		for (int i = 0; i < 10; i++) {
			EmbeddingResponse response = pool.call(new EmbeddingRequest(List.of("text " + i), null));
			assertThat(response.getMetadata().<String>get(ModelPool.MEMBER_METADATA_KEY)).isEqualTo("ollama");
		}

		assertThat(simulator.member("ollama").requestCount()).isEqualTo(10);
	}

	@Test
	void aShortRetryAfterIsWaitedOutOnTheSameMember() {
		simulator.member("openai").failNext(Fault.status(429).withRetryAfter("1"));
		simulator.member("ollama").failNext(Fault.status(429).withRetryAfter("1"));
		EmbeddingPool pool = pool();

		EmbeddingResponse response = pool.call(new EmbeddingRequest(List.of("text"), null));

		String served = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		assertThat(response.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(2);
		assertThat(simulator.member(served).requestCount()).isEqualTo(2);
	}

	@Test
	void aRevokedKeyQuarantinesItsMember() {
		simulator.member("openai").fail(Fault.status(401));
		EmbeddingPool pool = pool();

		for (int i = 0; i < 10; i++) {
			assertThat(pool.embed("text " + i)).hasSize(DIMENSIONS);
		}

		assertThat(pool.getMember("openai").orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(simulator.member("openai").requestCount()).isLessThanOrEqualTo(1);
	}

	@Test
	void aServerErrorIsRetriedThenTheCallMoves() {
		simulator.member("openai").fail(Fault.status(503));
		EmbeddingPool pool = pool();

		for (int i = 0; i < 10; i++) {
			assertThat(pool.embed(new Document("text " + i))).hasSize(DIMENSIONS);
		}

		PoolMember failing = pool.getMember("openai").orElseThrow();
		assertThat(failing.failedCalls()).isPositive();
		assertThat(simulator.member("ollama").requestCount()).isEqualTo(10);
	}

	@Test
	void theCallersBadRequestReachesItUnchangedAndBlamesNoMember() {
		simulator.member("openai").fail(Fault.status(400));
		simulator.member("ollama").fail(Fault.status(400));
		EmbeddingPool pool = pool();

		assertThatRuntimeException().isThrownBy(() -> pool.embed("text"))
			.isNotInstanceOf(ModelPoolException.class);

		assertThat(simulator.member("openai").requestCount() + simulator.member("ollama").requestCount())
			.as("neither retried nor moved")
			.isEqualTo(1);
		assertThat(pool.getMembers()).allSatisfy((member) -> {
			assertThat(member.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
			assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		});
	}

	@Test
	void aMemberOfAnotherVectorLengthFailsTheCallAndBlamesNoMember() {
		simulator.member("ollama").embeddingDimensions(16);
		EmbeddingPool pool = pool();
		pool.getMember("openai").orElseThrow().isolate();

		assertThatExceptionOfType(ModelPoolDimensionsException.class).isThrownBy(() -> pool.embed("text"))
			.satisfies((ex) -> {
				assertThat(ex.getMemberId()).isEqualTo("ollama");
				assertThat(ex.getActual()).isEqualTo(16);
			});

		PoolMember ollama = pool.getMember("ollama").orElseThrow();
		assertThat(ollama.state()).isEqualTo(MemberState.CLOSED);
		assertThat(ollama.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(ollama.inflight()).isZero();
	}

	private EmbeddingPool pool() {
		return EmbeddingPool.builder("vectors")
			.dimensions(DIMENSIONS)
			.member(member("openai", ProviderModels.openAiEmbedding(simulator.get(), "openai", MODEL)))
			.member(member("ollama", ProviderModels.ollamaEmbedding(simulator.get(), "ollama", MODEL)))
			.retry(new RetryPolicy(2, Duration.ofMillis(10), 1, Duration.ofMillis(10)))
			.build();
	}

	private PoolMember member(String id, EmbeddingModel model) {
		return PoolMember
			.builder(new RouteMember(id, 1, MemberRole.MEMBER), model,
					new MemberCircuitBreakers(this.breakers).forMember("vectors", id))
			.modelBeanName(id + "EmbeddingModel")
			.build();
	}

}
