package io.github.modelpool.routing;

/**
 * What a sticky session follows.
 */
public enum StickyScope {

	/**
	 * A conversation ({@code ChatMemory.CONVERSATION_ID}): every call of the conversation
	 * stays on its member.
	 */
	THREAD,

	/**
	 * One {@code ChatClient} call, including its tool-call rounds.
	 */
	RUN

}
