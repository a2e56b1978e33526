package io.github.modelpool.pool;

/**
 * How a pool was called.
 */
public enum CallMode {

	/** {@code ChatModel.call}. */
	CALL,

	/** {@code ChatModel.stream}. */
	STREAM

}
