package io.github.modelpool.pool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.budget.LimitReading;
import io.github.modelpool.context.RoutingKeys;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.SwitchPolicy;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * A group of member embedding models, all of one model, that behaves like one
 * {@link EmbeddingModel}: a call goes to a member (spread by weight, or to the least
 * loaded) and fails over on quota, permanent and transient failures with the breakers,
 * retries, quarantines, Retry-After waits, rate budgets and call time limit of a
 * {@link ModelPool}. Embedding calls have no conversation, so nothing is sticky, and a
 * batch is one call: answered whole by one member, or failed.
 * <p>
 * Vectors of two models are not comparable, so every answer's vectors must have the
 * pool's {@link #dimensions()}: an answer of another length fails the call with
 * {@link ModelPoolDimensionsException} and blames no member. Pool only members of one
 * model.
 */
public final class EmbeddingPool extends Pool implements EmbeddingModel {

	private static final ModelPoolObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultEmbeddingPoolObservationConvention();

	private final int dimensions;

	private final MemberAsk<EmbeddingRequest, EmbeddingResponse> requests = new Requests();

	private final MemberAsk<Document, EmbeddingResponse> documents = new Documents();

	private EmbeddingPool(Builder builder) {
		super(builder, ModelType.EMBEDDING);
		this.dimensions = builder.dimensions;
	}

	/**
	 * Start building an embedding pool.
	 * @param id pool id
	 * @return the builder
	 */
	public static Builder builder(String id) {
		return new Builder(id);
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		if (request == null || request.getInstructions() == null) {
			throw new IllegalArgumentException("request and its texts must not be null");
		}
		return embed(request, this.requests);
	}

	@Override
	public float[] embed(Document document) {
		if (document == null) {
			throw new IllegalArgumentException("document must not be null");
		}
		return embed(document, this.documents).getResult().getOutput();
	}

	/**
	 * What of a document is embedded: on Spring AI 2.0, what the pool's first member
	 * embeds of it ({@code getEmbeddingContent}, such as OpenAI's text with metadata);
	 * on Spring AI 1.1, its text, as there. One rule for the whole pool, whichever member
	 * answers, so its vectors stay comparable. Declared without {@code @Override}: Spring
	 * AI 1.1's {@code EmbeddingModel} has no such method.
	 * @param document the document
	 * @return the text to embed
	 */
	public String getEmbeddingContent(Document document) {
		if (document == null) {
			throw new IllegalArgumentException("document must not be null");
		}
		return EmbeddingContents.of(getMembers().get(0).embeddingModel(), document);
	}

	/**
	 * The pool's {@code dimensions}, without calling any member.
	 * @return the length of every vector the pool answers
	 */
	@Override
	public int dimensions() {
		return this.dimensions;
	}

	@Override
	public Integer getDimensions() {
		return this.dimensions;
	}

	private <I> EmbeddingResponse embed(I input, MemberAsk<I, EmbeddingResponse> asking) {
		if (observationRegistry().isNoop()) {
			return callMembers(input, asking, null);
		}
		return observed(new ModelPoolObservationContext(getId(), CallMode.CALL, ModelType.EMBEDDING),
				DEFAULT_OBSERVATION_CONVENTION, (context) -> callMembers(input, asking, context));
	}

	private <I> EmbeddingResponse callMembers(I input, MemberAsk<I, EmbeddingResponse> asking,
			ModelPoolObservationContext context) {
		// No conversation: each call is homed afresh, whatever routing keys the thread carries.
		return callMembers(dispatcher().begin(RoutingKeys.NONE, CallMode.CALL, input), input, asking, context);
	}

	/**
	 * The length of the first vector that is not of the pool's length.
	 * @return the length, or -1 when every vector has the pool's
	 */
	private int wrongLength(EmbeddingResponse response) {
		for (Embedding embedding : response.getResults()) {
			if (embedding.getOutput().length != this.dimensions) {
				return embedding.getOutput().length;
			}
		}
		return -1;
	}

	/**
	 * What embedding a request or a document asks members, and what their answers
	 * become.
	 *
	 * @param <I> what the pool was given
	 */
	private abstract class EmbeddingCalls<I> implements MemberAsk<I, EmbeddingResponse> {

		@Override
		public boolean isEmpty(EmbeddingResponse response) {
			if (response == null || response.getResults() == null || response.getResults().isEmpty()) {
				return true;
			}
			for (Embedding embedding : response.getResults()) {
				if (embedding == null || embedding.getOutput() == null) {
					return true;
				}
			}
			return false;
		}

		@Override
		public EmbeddingResponse answered(MemberTry memberTry, EmbeddingResponse response,
				ModelPoolObservationContext context) {
			TokenCounts tokens = AnswerTokens.of(response);
			int wrong = wrongLength(response);
			if (wrong >= 0) {
				dispatcher().unusable(memberTry, tokens);
				throw new ModelPoolDimensionsException(getId(), memberTry.member().id(), EmbeddingPool.this.dimensions,
						wrong);
			}
			dispatcher().succeeded(memberTry, tokens, LimitReading.NONE);
			if (context != null) {
				context.setTokens(tokens);
			}
			return servedBy(response, memberTry);
		}

		/**
		 * The answer with the pool's metadata: serving member, model, tries and members.
		 */
		private EmbeddingResponse servedBy(EmbeddingResponse response, MemberTry memberTry) {
			PoolMember member = memberTry.member();
			EmbeddingResponseMetadata source = response.getMetadata();
			String model = Answers.servedModel((source != null) ? source.getModel() : null, member);
			Map<String, Object> metadata = new HashMap<>();
			if (source != null) {
				source.entrySet().forEach((entry) -> metadata.put(entry.getKey(), entry.getValue()));
			}
			metadata.put(ModelPool.MEMBER_METADATA_KEY, member.id());
			if (model != null) {
				metadata.put(ModelPool.MODEL_METADATA_KEY, model);
			}
			metadata.put(ModelPool.ATTEMPTS_METADATA_KEY, memberTry.attempt().totalTries());
			metadata.put(ModelPool.MEMBERS_METADATA_KEY, alone(memberTry.index()));
			return new EmbeddingResponse(response.getResults(), new EmbeddingResponseMetadata(
					(model != null) ? model : "", (source != null) ? source.getUsage() : null, metadata));
		}

	}

	private final class Requests extends EmbeddingCalls<EmbeddingRequest> {

		@Override
		public EmbeddingResponse ask(MemberTry memberTry, EmbeddingRequest request) {
			EmbeddingModel model = memberTry.member().embeddingModel();
			return memberCalls().run(memberTry, () -> model.call(request));
		}

	}

	/**
	 * A document is embedded by the member itself, which knows what of it to embed.
	 */
	private final class Documents extends EmbeddingCalls<Document> {

		@Override
		public EmbeddingResponse ask(MemberTry memberTry, Document document) {
			EmbeddingModel model = memberTry.member().embeddingModel();
			float[] vector = memberCalls().run(memberTry, () -> model.embed(document));
			return (vector != null) ? new EmbeddingResponse(List.of(new Embedding(vector, 0))) : null;
		}

	}

	/**
	 * Builds an {@link EmbeddingPool}.
	 */
	public static final class Builder extends Pool.Builder<Builder> {

		private int dimensions;

		private Builder(String id) {
			super(id);
		}

		/**
		 * The length every vector the pool answers must have: the model's.
		 * @param dimensions a positive length
		 * @return this builder
		 */
		public Builder dimensions(int dimensions) {
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Build the pool. A context-length failure never moves a call: another member
		 * would have to serve another model.
		 * @return the pool
		 */
		public EmbeddingPool build() {
			if (this.dimensions <= 0) {
				throw new IllegalArgumentException(
						"pool '" + id() + "' needs dimensions, a positive vector length, but has " + this.dimensions);
			}
			SwitchPolicy switching = switching();
			if (switching.onContextLength()) {
				switching(new SwitchPolicy(switching.onCircuitOpen(), switching.onQuota(),
						switching.quotaRetryAfterThreshold(), switching.onPermanent(), switching.onTransient(), false,
						switching.maxSwitchesPerSession(), switching.quarantineDuration()));
			}
			complete();
			return new EmbeddingPool(this);
		}

	}

}
