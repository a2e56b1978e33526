package io.github.modelpool.demo;

import java.util.List;

import io.github.modelpool.pool.ModelPool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Embeds a text with the primary {@link EmbeddingModel}: the embedding pool
 * {@code vectors}, which says which member answered.
 */
@RestController
class EmbedController {

	/** Values of the vector shown: enough to see it is one. */
	private static final int PREVIEW = 4;

	private final EmbeddingModel embeddingModel;

	EmbedController(EmbeddingModel embeddingModel) {
		this.embeddingModel = embeddingModel;
	}

	@PostMapping("/embed")
	EmbedReply embed(@Valid @RequestBody EmbedRequest request) {
		EmbeddingResponse response = this.embeddingModel.call(new EmbeddingRequest(List.of(request.text()), null));
		float[] vector = response.getResult().getOutput();
		float[] preview = new float[Math.min(PREVIEW, vector.length)];
		System.arraycopy(vector, 0, preview, 0, preview.length);
		Object member = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		Object attempts = response.getMetadata().get(ModelPool.ATTEMPTS_METADATA_KEY);
		return new EmbedReply((member != null) ? member.toString() : "", response.getMetadata().getModel(),
				vector.length, (attempts instanceof Integer tries) ? tries : 1, preview);
	}

	record EmbedRequest(@NotBlank String text) {
	}

	/**
	 * @param member the member that answered
	 * @param model the model it used
	 * @param dimensions the vector's length
	 * @param attempts member tries the call took
	 * @param preview the vector's first values
	 */
	record EmbedReply(String member, String model, int dimensions, int attempts, float[] preview) {
	}

}
