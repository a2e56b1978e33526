package io.github.modelpool.state;

/**
 * Told of every operation of a shared {@link StateStore}, for metrics.
 */
@FunctionalInterface
public interface StoreListener {

	/** Tells no one. */
	StoreListener NONE = (operation, outcome, nanos) -> {
	};

	/**
	 * An operation ended.
	 * @param operation the operation
	 * @param outcome how it ended
	 * @param nanos how long it took
	 */
	void onOperation(StoreOperation operation, StoreOutcome outcome, long nanos);

}
