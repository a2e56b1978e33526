package io.github.modelpool.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The prompt-cache key a provider is given for a conversation: the first 16 bytes of the
 * SHA-256 of its id, in hex. A conversation id may be personal data; the key tells the
 * provider which requests belong together and nothing else.
 */
public final class PromptCacheKeys {

	private static final int KEY_BYTES = 16;

	private PromptCacheKeys() {
	}

	/**
	 * The key of a conversation.
	 * @param conversationId the conversation's id
	 * @return its key: 32 hexadecimal characters
	 */
	public static String of(String conversationId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(conversationId.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, KEY_BYTES);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

}
