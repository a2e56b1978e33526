package io.github.modelpool.pool;

import java.util.List;
import java.util.Map;

import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.openai.OpenAiEmbeddingModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Spring AI 2.0 a model says what it embeds of a document: an embedding pool over
 * OpenAI embeds documents as OpenAI's model does (their text with their metadata), so
 * pooling a model keeps the vectors it made before.
 */
class EmbeddingPoolDocumentsTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void documentsAreEmbeddedAsTheMembersModelEmbedsThem() {
		OpenAiEmbeddingModel model = ProviderModels.openAiEmbedding(simulator.get(), "e", "embed-small");
		PoolMember member = PoolMember
			.builder(new RouteMember("e", 1, MemberRole.MEMBER), model,
					new MemberCircuitBreakers(CircuitBreakerRegistry.of(MemberCircuitBreakers.POOL_DEFAULTS))
						.forMember("vectors", "e"))
			.build();
		EmbeddingPool pool = EmbeddingPool.builder("vectors").dimensions(8).member(member).build();
		Document document = new Document("the text", Map.of("source", "a.txt"));

		List<float[]> vectors = pool.embed(List.of(document), null, (documents) -> List.of(documents));

		assertThat(vectors).singleElement().satisfies((vector) -> assertThat(vector).hasSize(8));
		String sent = simulator.member("e").requests().get(0).body().path("input").get(0).asText();
		assertThat(sent).isEqualTo(model.getEmbeddingContent(document)).contains("source: a.txt").contains("the text");
		assertThat(pool.embed(document)).isEqualTo(model.embed(document));
	}

}
