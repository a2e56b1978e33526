package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.RateLimits;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.failure.MemberTimeoutException;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.RetryPolicy;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An embedding pool over in-memory embedding models: one call is answered whole by one
 * member, fails over as a chat call does, never mixes vector lengths, and keeps no
 * sessions. Each platform line tests it again with Spring AI's own embedding models over
 * HTTP.
 */
class EmbeddingPoolTests {

	private static final int DIMENSIONS = 8;

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry
		.of(MemberCircuitBreakers.POOL_DEFAULTS);

	@Test
	void aBatchIsAnsweredWholeByOneMemberWithThePoolsMetadata() {
		FakeEmbeddings a = new FakeEmbeddings("a", DIMENSIONS);
		FakeEmbeddings b = new FakeEmbeddings("b", DIMENSIONS);
		EmbeddingPool pool = pool(member("a", a), member("b", b));

		EmbeddingResponse response = pool.call(new EmbeddingRequest(List.of("one", "two", "three"), null));

		assertThat(response.getResults()).hasSize(3).allSatisfy((embedding) -> assertThat(embedding.getOutput()).hasSize(DIMENSIONS));
		String served = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		assertThat(served).isIn("a", "b");
		assertThat(response.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(1);
		assertThat(response.getMetadata().getModel()).isEqualTo("model-" + served);
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
		assertThat(a.calls.get() + b.calls.get()).as("one request for the whole batch").isEqualTo(1);
		assertThat(pool.getMember(served).orElseThrow().tokens().input()).isEqualTo(3);
		assertThat(pool.getType()).isEqualTo(ModelType.EMBEDDING);
	}

	@Test
	void aRateLimitedMemberIsLeftAndTheCallIsAnsweredByAnother() {
		FakeEmbeddings limited = new FakeEmbeddings("limited", DIMENSIONS);
		FakeEmbeddings other = new FakeEmbeddings("other", DIMENSIONS);
		for (int i = 0; i < 20; i++) {
			limited.failNext(HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
					HttpHeaders.EMPTY, new byte[0], null));
		}
		EmbeddingPool pool = pool(member("limited", limited), member("other", other));

		for (int i = 0; i < 20; i++) {
			assertThat(pool.embed("text " + i)).hasSize(DIMENSIONS);
		}

		assertThat(other.calls).as("every call answered by the other member").hasValue(20);
		assertThat(pool.getMember("limited").orElseThrow().failedCalls()).isPositive();
	}

	@Test
	void aPermanentFailureQuarantinesTheMemberAndLaterCallsSkipIt() {
		FakeEmbeddings broken = new FakeEmbeddings("broken", DIMENSIONS);
		FakeEmbeddings other = new FakeEmbeddings("other", DIMENSIONS);
		broken.failAlways(HttpClientErrorException.create(HttpStatus.UNAUTHORIZED, "Unauthorized", HttpHeaders.EMPTY,
				new byte[0], null));
		EmbeddingPool pool = pool(member("broken", broken), member("other", other));

		for (int i = 0; i < 20; i++) {
			pool.embed("text " + i);
		}

		assertThat(pool.getMember("broken").orElseThrow().state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(broken.calls).as("tried once, then quarantined").hasValue(1);
		assertThat(other.calls).hasValue(20);
	}

	@Test
	void aTransientFailureIsRetriedOnTheSameMemberFirst() {
		FakeEmbeddings flaky = new FakeEmbeddings("flaky", DIMENSIONS);
		flaky.failNext(new TransientAiException("503 Service Unavailable"));
		EmbeddingPool pool = pool((builder) -> builder.retry(new RetryPolicy(3, Duration.ofMillis(1), 1, Duration.ofMillis(1))),
				member("flaky", flaky), member("other", new FakeEmbeddings("other", DIMENSIONS)));

		EmbeddingResponse response = pool.call(new EmbeddingRequest(List.of("text"), null));

		assertThat(response.getMetadata().<String>get(ModelPool.MEMBER_METADATA_KEY)).isEqualTo("flaky");
		assertThat(response.getMetadata().<Integer>get(ModelPool.ATTEMPTS_METADATA_KEY)).isEqualTo(2);
		assertThat(flaky.calls).hasValue(2);
	}

	@Test
	void theCallersMistakeReachesTheCallerAndBlamesNoMember() {
		FakeEmbeddings a = new FakeEmbeddings("a", DIMENSIONS);
		FakeEmbeddings b = new FakeEmbeddings("b", DIMENSIONS);
		IllegalArgumentException mistake = new IllegalArgumentException("input must not be empty");
		a.failAlways(mistake);
		b.failAlways(mistake);
		EmbeddingPool pool = pool(member("a", a), member("b", b));

		assertThatIllegalArgumentException().isThrownBy(() -> pool.embed("")).isSameAs(mistake);

		assertThat(a.calls.get() + b.calls.get()).as("not tried elsewhere").isEqualTo(1);
		assertThat(pool.getMembers()).allSatisfy((member) -> {
			assertThat(member.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
			assertThat(member.state()).isEqualTo(MemberState.CLOSED);
			assertThat(member.inflight()).isZero();
		});
	}

	@Test
	void vectorsOfAnotherLengthFailTheCallBlameNoMemberAndAreNeverHandedOn() {
		FakeEmbeddings otherModel = new FakeEmbeddings("other-model", 4);
		FakeEmbeddings right = new FakeEmbeddings("right", DIMENSIONS);
		EmbeddingPool pool = pool(member("other-model", otherModel, 1000), member("right", right, 1));
		PoolMember mismatched = pool.getMember("other-model").orElseThrow();

		List<ModelPoolDimensionsException> failures = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			try {
				assertThat(pool.embed("text " + i)).as("only vectors of the pool's length").hasSize(DIMENSIONS);
			}
			catch (ModelPoolDimensionsException ex) {
				failures.add(ex);
			}
		}

		assertThat(failures).isNotEmpty().allSatisfy((ex) -> {
			assertThat(ex.getMemberId()).isEqualTo("other-model");
			assertThat(ex.getExpected()).isEqualTo(DIMENSIONS);
			assertThat(ex.getActual()).isEqualTo(4);
			assertThat(ex.getMessage()).contains("expects vectors of 8 dimensions", "member 'other-model' answered 4");
		});
		assertThat(otherModel.calls).as("each mismatch ends its call").hasValue(failures.size());
		assertThat(mismatched.state()).isEqualTo(MemberState.CLOSED);
		assertThat(mismatched.failedCalls()).isZero();
		assertThat(mismatched.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(mismatched.inflight()).isZero();
	}

	@Test
	void aDocumentIsEmbeddedByAMemberAndItsLengthChecked() {
		FakeEmbeddings a = new FakeEmbeddings("a", DIMENSIONS);
		EmbeddingPool pool = pool(member("a", a));

		float[] vector = pool.embed(new Document("a document"));

		assertThat(vector).hasSize(DIMENSIONS);
		assertThat(a.documents).hasValue(1);
		FakeEmbeddings shorter = new FakeEmbeddings("shorter", 3);
		assertThatExceptionOfType(ModelPoolDimensionsException.class)
			.isThrownBy(() -> pool(member("shorter", shorter)).embed(new Document("a document")));
	}

	/**
	 * On Spring AI 2.0 (the Boot 4 module runs these tests again) a model says what it
	 * embeds of a document; on 1.1 every model embeds its text.
	 */
	@Test
	void aDocumentsContentIsWhatTheFirstMemberEmbedsOfIt() throws Exception {
		boolean modelsSay = java.util.Arrays.stream(EmbeddingModel.class.getMethods())
			.anyMatch((method) -> method.getName().equals("getEmbeddingContent"));
		FakeEmbeddings formatting = new FakeEmbeddings("a", DIMENSIONS) {

			// Spring AI 2.0's EmbeddingModel.getEmbeddingContent, here whatever the line.
			public String getEmbeddingContent(Document document) {
				return document.getMetadata().get("source") + ": " + document.getText();
			}

		};
		Document document = new Document("the text", java.util.Map.of("source", "a.txt"));

		assertThat(pool(member("a", formatting), member("b", new FakeEmbeddings("b", DIMENSIONS)))
			.getEmbeddingContent(document)).isEqualTo(modelsSay ? "a.txt: the text" : "the text");
		assertThat(pool(member("b", new FakeEmbeddings("b", DIMENSIONS))).getEmbeddingContent(document))
			.as("a model that says nothing embeds the text")
			.isEqualTo("the text");
	}

	@Test
	void dimensionsAreThePoolsWithoutCallingAnyMember() {
		FakeEmbeddings a = new FakeEmbeddings("a", DIMENSIONS);
		EmbeddingPool pool = pool(member("a", a));

		assertThat(pool.dimensions()).isEqualTo(DIMENSIONS);
		assertThat(pool.getDimensions()).isEqualTo(DIMENSIONS);
		assertThat(a.calls).hasValue(0);
	}

	@Test
	void callsAreSpreadOverMembersAndKeepNoSessionWhateverKeysTheThreadCarries() {
		FakeEmbeddings a = new FakeEmbeddings("a", DIMENSIONS);
		FakeEmbeddings b = new FakeEmbeddings("b", DIMENSIONS);
		EmbeddingPool pool = pool(member("a", a), member("b", b));

		ModelPoolContext.withConversation("thread-1", () -> {
			for (int i = 0; i < 100; i++) {
				pool.embed("text " + i);
			}
			return null;
		});

		assertThat(a.calls).hasPositiveValue();
		assertThat(b.calls).hasPositiveValue();
		PoolSnapshot snapshot = pool.snapshot();
		assertThat(snapshot.sessions()).isZero();
		assertThat(snapshot.type()).isEqualTo(ModelType.EMBEDDING);
		assertThat(snapshot.dimensions()).isEqualTo(DIMENSIONS);
		assertThat(snapshot.members()).allSatisfy((member) -> {
			assertThat(member.type()).isEqualTo(ModelType.EMBEDDING);
			assertThat(member.modelBean()).isEqualTo(member.id() + "Embeddings");
		});
	}

	@Test
	void aMemberWithoutBudgetRoomIsNotAsked() {
		FakeEmbeddings small = new FakeEmbeddings("small", DIMENSIONS);
		FakeEmbeddings large = new FakeEmbeddings("large", DIMENSIONS);
		PoolMember smallMember = PoolMember
			.builder(new RouteMember("small", 1000, io.github.modelpool.routing.MemberRole.MEMBER), small,
					this.breakers.circuitBreaker("budget-small"))
			.modelBeanName("smallEmbeddings")
			.budget(new AccountBudget("smallEmbeddings", RateLimits.perMinute(2L, null)))
			.build();
		EmbeddingPool pool = pool(smallMember, member("large", large, 1));

		for (int i = 0; i < 20; i++) {
			assertThat(pool.embed("text " + i)).hasSize(DIMENSIONS);
		}

		assertThat(small.calls).as("its account allows 2 requests a minute").hasValue(2);
		assertThat(large.calls).hasValue(18);
	}

	@Test
	void aCallPastItsTimeLimitEndsAndBlamesTheSlowMember() {
		FakeEmbeddings slow = new FakeEmbeddings("slow", DIMENSIONS);
		slow.delay = Duration.ofSeconds(5);
		EmbeddingPool pool = pool((builder) -> builder.timeouts(new TimeoutPolicy(null, null, Duration.ofMillis(200))),
				member("slow", slow));
		try {
			assertThatExceptionOfType(MemberTimeoutException.class).isThrownBy(() -> pool.embed("text"));
			assertThat(pool.getMember("slow").orElseThrow().failedCalls()).isEqualTo(1);
		}
		finally {
			pool.stop();
		}
	}

	@Test
	void manyThreadsAreAnsweredAndEveryTryEnds() throws Exception {
		FakeEmbeddings flaky = new FakeEmbeddings("flaky", DIMENSIONS);
		flaky.failEvery = 3;
		FakeEmbeddings steady = new FakeEmbeddings("steady", DIMENSIONS);
		EmbeddingPool pool = pool((builder) -> builder.retry(new RetryPolicy(1, Duration.ofMillis(1), 1, Duration.ofMillis(1))),
				member("flaky", flaky), member("steady", steady));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<float[]>> answers = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				String text = "text " + i;
				answers.add(threads.submit(() -> pool.embed(text)));
			}
			for (Future<float[]> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).hasSize(DIMENSIONS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(pool.getMembers()).allSatisfy((member) -> assertThat(member.inflight()).isZero());
		assertThat(pool.getMembers().stream().mapToLong(PoolMember::succeededCalls).sum()).isEqualTo(400);
	}

	@Test
	void callsAreObservedUnderTheEmbeddingName() {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		EmbeddingPool pool = pool((builder) -> builder.observationRegistry(observations),
				member("a", new FakeEmbeddings("a", DIMENSIONS)));

		pool.embed("text");

		assertThat(stopped).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo(DefaultEmbeddingPoolObservationConvention.NAME);
			assertThat(context.getLowCardinalityKeyValues().stream().map((tag) -> tag.getKey() + "=" + tag.getValue()))
				.contains("model.pool.name=vectors", "model.pool.member=a", "model.pool.outcome=success");
			assertThat(((ModelPoolObservationContext) context).getType()).isEqualTo(ModelType.EMBEDDING);
		});
	}

	@Test
	void aPoolOfEmbeddingsTakesNoChatMemberAndNeedsDimensions() {
		PoolMember chat = new PoolMember(new RouteMember("chat", 1, io.github.modelpool.routing.MemberRole.MEMBER),
				"chatModel", (prompt) -> new ChatResponse(List.of()), null, this.breakers.circuitBreaker("chat"),
				java.time.Clock.systemUTC());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddingPool.builder("vectors").dimensions(DIMENSIONS).member(chat).build())
			.withMessageContaining("pools embedding models, but member 'chat' serves a chat model");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddingPool.builder("vectors").member(member("a", new FakeEmbeddings("a", 8))).build())
			.withMessageContaining("needs dimensions");
	}

	private PoolMember member(String id, EmbeddingModel model) {
		return member(id, model, 1);
	}

	private PoolMember member(String id, EmbeddingModel model, int weight) {
		return PoolMember
			.builder(new RouteMember(id, weight, io.github.modelpool.routing.MemberRole.MEMBER), model,
					new MemberCircuitBreakers(this.breakers).forMember("vectors", id))
			.modelBeanName(id + "Embeddings")
			.build();
	}

	private EmbeddingPool pool(PoolMember... members) {
		return pool(UnaryOperator.identity(), members);
	}

	private EmbeddingPool pool(UnaryOperator<EmbeddingPool.Builder> customizer, PoolMember... members) {
		return customizer.apply(EmbeddingPool.builder("vectors").dimensions(DIMENSIONS).members(List.of(members)))
			.build();
	}

	/**
	 * An embedding model answering vectors of its own length, one per text, and failing
	 * as told.
	 */
	static class FakeEmbeddings implements EmbeddingModel {

		private final String name;

		private final int length;

		private final Deque<RuntimeException> failures = new ConcurrentLinkedDeque<>();

		private volatile RuntimeException always;

		volatile Duration delay = Duration.ZERO;

		volatile int failEvery;

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger documents = new AtomicInteger();

		FakeEmbeddings(String name, int length) {
			this.name = name;
			this.length = length;
		}

		void failNext(RuntimeException failure) {
			this.failures.add(failure);
		}

		void failAlways(RuntimeException failure) {
			this.always = failure;
		}

		@Override
		public EmbeddingResponse call(EmbeddingRequest request) {
			int call = this.calls.incrementAndGet();
			if (!this.delay.isZero()) {
				try {
					Thread.sleep(this.delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TransientAiException("interrupted");
				}
			}
			RuntimeException failure = (this.always != null) ? this.always : this.failures.poll();
			if (failure != null) {
				throw failure;
			}
			if (this.failEvery > 0 && call % this.failEvery == 0) {
				throw new TransientAiException("503 Service Unavailable");
			}
			List<Embedding> embeddings = new ArrayList<>();
			for (int i = 0; i < request.getInstructions().size(); i++) {
				embeddings.add(new Embedding(new float[this.length], i));
			}
			return new EmbeddingResponse(embeddings, new EmbeddingResponseMetadata("model-" + this.name,
					new DefaultUsage(request.getInstructions().size(), 0)));
		}

		@Override
		public float[] embed(Document document) {
			this.documents.incrementAndGet();
			return call(new EmbeddingRequest(List.of(document.getText()), null)).getResult().getOutput();
		}

	}

}
