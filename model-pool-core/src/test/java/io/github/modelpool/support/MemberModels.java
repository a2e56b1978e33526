package io.github.modelpool.support;

import org.springframework.ai.chat.model.ChatModel;

/**
 * Makes a provider's chat model for a pool member; each platform line's tests supply
 * real Spring AI models of that line.
 */
public interface MemberModels {

	/** No provider models: members are given as chat models. */
	MemberModels NONE = new MemberModels() {

		@Override
		public ChatModel openAi(String member, String model) {
			throw new UnsupportedOperationException("this fixture has no provider models");
		}

		@Override
		public ChatModel anthropic(String member, String model) {
			throw new UnsupportedOperationException("this fixture has no provider models");
		}

	};

	/**
	 * An OpenAI chat model for the member.
	 * @param member the member id
	 * @param model the model it serves
	 * @return the chat model
	 */
	ChatModel openAi(String member, String model);

	/**
	 * An Anthropic chat model for the member.
	 * @param member the member id
	 * @param model the model it serves
	 * @return the chat model
	 */
	ChatModel anthropic(String member, String model);

}
