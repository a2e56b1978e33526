package io.github.modelpool.pool;

import java.util.List;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The tokens a prompt is expected to cost before a provider counts them: a quarter of its
 * messages' characters, rounded up, plus four per message for the roles and separators
 * providers add. English text averages about four characters a token with the providers'
 * tokenizers; the estimate only has to keep a rate budget from being overrun, and each
 * answer's own count corrects it.
 */
final class PromptTokens {

	private static final int PER_MESSAGE = 4;

	private PromptTokens() {
	}

	static long estimate(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		long chars = 0;
		for (int i = 0; i < messages.size(); i++) {
			String text = messages.get(i).getText();
			chars += (text != null) ? text.length() : 0;
		}
		return (chars + 3) / 4 + (long) PER_MESSAGE * messages.size();
	}

}
