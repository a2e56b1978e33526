package io.github.modelpool.pool;

import java.util.List;
import java.util.Map;

import io.github.modelpool.member.PoolMember;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.util.StringUtils;

/**
 * Reads and marks member answers: who served them, whether a stream finished, what text
 * and tool calls it carried.
 */
final class Answers {

	private Answers() {
	}

	/**
	 * The response with the pool's metadata: serving member, model, tries and members.
	 */
	static ChatResponse servedBy(ChatResponse response, MemberTry memberTry, List<String> members) {
		if (response == null) {
			return null;
		}
		PoolMember member = memberTry.member();
		ChatResponseMetadata source = response.getMetadata();
		// One metadata object built straight from the member's, without an intermediate response builder.
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
		if (source != null) {
			metadata.id(source.getId())
				.model(source.getModel())
				.rateLimit(source.getRateLimit())
				.usage(source.getUsage())
				.promptMetadata(source.getPromptMetadata());
			for (Map.Entry<String, Object> entry : source.entrySet()) {
				metadata.keyValue(entry.getKey(), entry.getValue());
			}
		}
		String model = (source != null && StringUtils.hasText(source.getModel())) ? source.getModel()
				: member.servedModel();
		metadata.keyValue(ModelPool.MEMBER_METADATA_KEY, member.id())
			.keyValue(ModelPool.ATTEMPTS_METADATA_KEY, memberTry.attempt().totalTries())
			.keyValue(ModelPool.MEMBERS_METADATA_KEY, List.copyOf(members));
		if (model != null) {
			metadata.keyValue(ModelPool.MODEL_METADATA_KEY, model);
		}
		return new ChatResponse(response.getResults(), metadata.build());
	}

	/**
	 * Whether any generation of the response says why the answer ended.
	 */
	static boolean hasFinishReason(ChatResponse response) {
		if (response == null || response.getResults() == null) {
			return false;
		}
		for (Generation generation : response.getResults()) {
			if (generation != null && generation.getMetadata() != null
					&& StringUtils.hasText(generation.getMetadata().getFinishReason())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Text of the response's first generation.
	 * @return the text, or an empty string
	 */
	static String textOf(ChatResponse response) {
		if (response == null || response.getResult() == null || response.getResult().getOutput() == null) {
			return "";
		}
		String text = response.getResult().getOutput().getText();
		return (text != null) ? text : "";
	}

	/**
	 * Whether the response asks for a tool call.
	 */
	static boolean hasToolCalls(ChatResponse response) {
		if (response == null || response.getResults() == null) {
			return false;
		}
		for (Generation generation : response.getResults()) {
			if (generation != null && generation.getOutput() != null && generation.getOutput().hasToolCalls()) {
				return true;
			}
		}
		return false;
	}

}
