package io.github.modelpool.state;

/**
 * A pool's subscription to the holds other instances place: closing it stops their
 * delivery.
 */
@FunctionalInterface
public interface HoldSubscription extends AutoCloseable {

	/** A subscription that delivers nothing, for stores that share nothing. */
	HoldSubscription NONE = () -> {
	};

	/** Stop delivering holds; closing again does nothing. */
	@Override
	void close();

}
