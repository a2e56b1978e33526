package io.github.modelpool.pool;

import java.util.List;

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
	 * @param members members whose output the response holds
	 */
	static ChatResponse servedBy(ChatResponse response, MemberTry memberTry, List<String> members) {
		if (response == null) {
			return null;
		}
		PoolMember member = memberTry.member();
		ChatResponseMetadata source = response.getMetadata();
		String model = servedModel((source != null) ? source.getModel() : null, member);
		return new ChatResponse(response.getResults(), new ServedResponseMetadata(source, member.id(), model,
				memberTry.attempt().totalTries(), List.copyOf(members)));
	}

	/**
	 * The model that served an answer, chat or embedding: the one the provider reported,
	 * else the one the member serves.
	 * @param reported the model in the answer's metadata, or {@code null}
	 * @param member the member that answered
	 * @return the model, or {@code null} when neither says
	 */
	static String servedModel(String reported, PoolMember member) {
		return StringUtils.hasText(reported) ? reported : member.servedModel();
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
