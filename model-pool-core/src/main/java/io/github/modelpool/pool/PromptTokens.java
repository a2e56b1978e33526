package io.github.modelpool.pool;

import java.util.List;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingRequest;

/**
 * The tokens a prompt is expected to cost before a provider counts them: a quarter of its
 * messages' characters, rounded up, plus four per message for the roles and separators
 * providers add (an embedding request's texts count alike, one text as one message). English text averages about four characters a token with the providers'
 * tokenizers; the estimate only has to keep a rate budget from being overrun, and each
 * answer's own count corrects it.
 */
final class PromptTokens {

	private static final int PER_MESSAGE = 4;

	private PromptTokens() {
	}

	/**
	 * The estimate of what a pool was given.
	 * @param input a {@link Prompt}, an {@link EmbeddingRequest} or its texts, a
	 * {@link Document}, or a text
	 * @return the tokens, 0 for anything else
	 */
	static long estimate(Object input) {
		if (input instanceof Prompt prompt) {
			List<Message> messages = prompt.getInstructions();
			long chars = 0;
			for (int i = 0; i < messages.size(); i++) {
				chars += length(messages.get(i).getText());
			}
			return tokens(chars, messages.size());
		}
		if (input instanceof EmbeddingRequest request) {
			return estimate(request.getInstructions());
		}
		if (input instanceof Document document) {
			return estimate(document.getText());
		}
		if (input instanceof List<?> texts) {
			long chars = 0;
			for (int i = 0; i < texts.size(); i++) {
				chars += (texts.get(i) instanceof String text) ? text.length() : 0;
			}
			return tokens(chars, texts.size());
		}
		return (input instanceof String text) ? tokens(text.length(), 1) : 0;
	}

	private static long length(String text) {
		return (text != null) ? text.length() : 0;
	}

	private static long tokens(long chars, int messages) {
		return (chars + 3) / 4 + (long) PER_MESSAGE * messages;
	}

}
