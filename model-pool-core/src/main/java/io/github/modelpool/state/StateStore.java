package io.github.modelpool.state;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where pools keep the state that several application instances share: sessions' pins
 * and members' holds (quarantines, isolations). The pool never knows which store it
 * has; {@link MemoryStateStore} shares nothing.
 * <p>
 * Every method returns within the store's own time limit and never throws: a store that
 * cannot answer says so ({@code null}, {@link StoreStatus#reachable()} false) and keeps
 * what this instance wrote meanwhile, to write it when it can again.
 */
public interface StateStore {

	/**
	 * What kind of store this is, for operators.
	 * @return the kind
	 */
	StoreKind kind();

	/**
	 * Whether the store shares sessions' pins with other instances, so a pool reads and
	 * writes them there.
	 * @return {@code false} for a store that shares nothing
	 */
	default boolean sharesSessions() {
		return true;
	}

	/**
	 * Whether answering may wait on I/O (a network round trip), so that a pool never asks
	 * it from a thread that must not block, such as an event loop.
	 * @return {@code false} for a store that answers from memory
	 */
	default boolean mayBlock() {
		return false;
	}

	/**
	 * The id this application instance writes its holds under.
	 * @return the instance id
	 */
	String instanceId();

	/**
	 * Whether the store answers now, and its last error.
	 * @return the status
	 */
	StoreStatus status();

	/**
	 * Read a session's shared pin and mark the session used now, in one round trip. A
	 * session the store does not know yet is stored with the proposed home.
	 * @param pool pool id
	 * @param key the session's stored key
	 * @param proposed this instance's pin of the session, its last use being now (its home
	 * decides a new one)
	 * @param idleTimeout how long the session is kept after its last use
	 * @return the pin as stored before this use, or {@code null} when the store has none to
	 * share (it shares nothing, or cannot answer now)
	 */
	SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout);

	/**
	 * Move a session if it is still where this instance saw it (compare-and-set).
	 * @param pool pool id
	 * @param key the session's stored key
	 * @param expectedActive the member this instance saw serving the session
	 * @param next the session after the move
	 * @param idleTimeout how long the session is kept after its last use
	 * @return whether this move won and the pin stored now (the other instance's when it
	 * did not); {@code null} when the store cannot say (this instance's move stands and is
	 * written when the store answers again)
	 */
	SessionMove moveSession(String pool, String key, String expectedActive, SharedSession next,
			Duration idleTimeout);

	/**
	 * How often pools exchange their accounts' use through this store, off the call path.
	 * @return the interval, or {@code null} when the store does not count accounts' use
	 * across instances
	 */
	default Duration usageExchangeInterval() {
		return null;
	}

	/**
	 * Add what this instance used of a provider account since its last report, announce
	 * this instance as alive, and read what the other instances used within the window,
	 * in one round trip. Called off the call path.
	 * @param account the account (its chat model's name)
	 * @param requests requests made here since the last report (may be negative: a
	 * correction)
	 * @param tokens tokens counted here since the last report (may be negative)
	 * @param window the length of the account's window
	 * @return the other instances' use, or {@code null} when the store cannot answer now
	 * or does not count use
	 */
	default AccountUsage exchangeUsage(String account, long requests, long tokens, Duration window) {
		return null;
	}

	/**
	 * Tell every instance of a hold placed or lifted here.
	 * @param hold the hold, with this instance as its origin
	 */
	void publish(MemberHold hold);

	/**
	 * Receive the holds other instances place or lift on a pool's members, including
	 * those placed while this instance could not hear of them.
	 * @param pool pool id
	 * @param listener called with each hold of another instance
	 * @return the subscription, which the pool closes when it stops
	 */
	HoldSubscription subscribe(String pool, Consumer<MemberHold> listener);

}
