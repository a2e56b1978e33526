package io.github.modelpool.simulator;

import java.util.List;

import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.embedding.EmbeddingModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assertions.within;

/**
 * Each line's real Spring AI embedding models (OpenAI, Ollama) talk HTTP to the
 * simulator's embedding endpoints: one vector per text of a batch, of the account's
 * length, a function of the model and the text; faults as for chat.
 */
class SimulatedEmbeddingsTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "openai", "ollama" })
	void aBatchIsAnsweredWithOneVectorPerTextOfTheAccountsLength(String provider) {
		simulator.member("e").embeddingDimensions(12);
		EmbeddingModel model = model(provider, "e", "embed-small");
		List<float[]> vectors = model.embed(List.of("first text", "second text"));
		assertThat(vectors).hasSize(2);
		assertThat(vectors.get(0)).hasSize(12)
			.containsExactly(EmbeddingApi.vector("embed-small", "first text", 12), within(1e-6f));
		assertThat(vectors.get(1)).containsExactly(EmbeddingApi.vector("embed-small", "second text", 12),
				within(1e-6f));
		assertThat(simulator.member("e").requests()).singleElement()
			.satisfies((request) -> assertThat(request.model()).isEqualTo("embed-small"));
	}

	@Test
	void twoModelsNeverShareAVectorSpace() {
		assertThat(EmbeddingApi.vector("embed-small", "same text", 8))
			.isNotEqualTo(EmbeddingApi.vector("embed-large", "same text", 8));
		float[] vector = EmbeddingApi.vector("embed-small", "same text", 64);
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		assertThat(norm).isCloseTo(1.0, within(1e-5));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "openai", "ollama" })
	void aFaultReachesTheEmbeddingModelAsForChat(String provider) {
		simulator.member("e").failNext(Fault.status(503));
		EmbeddingModel model = model(provider, "e", "embed-small");
		assertThatRuntimeException().isThrownBy(() -> model.embed("hello"));
		assertThat(model.embed("hello")).hasSize(SimulatedMember.DEFAULT_EMBEDDING_DIMENSIONS);
	}

	private static EmbeddingModel model(String provider, String member, String model) {
		return "openai".equals(provider) ? ProviderModels.openAiEmbedding(simulator.get(), member, model)
				: ProviderModels.ollamaEmbedding(simulator.get(), member, model);
	}

}
