package io.github.modelpool.failure;

/**
 * What a failure says beyond its kind, where the pool treats it apart.
 */
public enum FailureDetail {

	/** Nothing more is known. */
	NONE,

	/** The member did not answer in time; it is not retried within the same call. */
	TIMEOUT,

	/** The prompt does not fit the model's context window. */
	CONTEXT_LENGTH,

	/** The provider's content filter refused the request or the answer. */
	CONTENT_FILTER

}
