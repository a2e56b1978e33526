package io.github.modelpool.context;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Routing keys for code that calls a pool's {@code ChatModel} directly. {@code ChatClient}
 * users need none of this: the auto-configured advisor reads
 * {@code ChatMemory.CONVERSATION_ID} from the advisor params.
 * <p>
 * Blocking calls read the keys from the calling thread:
 * <pre class="code">
 * ChatResponse response = ModelPoolContext.withConversation("thread-42", () -&gt; pool.call(prompt));
 * </pre>
 * Streams read them from the Reactor context, so they survive thread hops:
 * <pre class="code">
 * Flux&lt;ChatResponse&gt; answer = pool.stream(prompt).contextWrite(ModelPoolContext.conversation("thread-42"));
 * </pre>
 */
public final class ModelPoolContext {

	/** Key of the {@link RoutingKeys} in a Reactor context. */
	public static final String REACTOR_CONTEXT_KEY = ModelPoolContext.class.getName() + ".keys";

	// One slot per thread, kept for the thread's life and emptied after each call: a call
	// allocates nothing here, and the slot (a JDK array) holds no class of this library
	// once the call ends.
	private static final ThreadLocal<Object[]> CURRENT = ThreadLocal.withInitial(() -> new Object[1]);

	private ModelPoolContext() {
	}

	/**
	 * Keys in effect on this thread.
	 * @return the keys, {@link RoutingKeys#NONE} when none are set
	 */
	public static RoutingKeys current() {
		RoutingKeys keys = (RoutingKeys) CURRENT.get()[0];
		return (keys != null) ? keys : RoutingKeys.NONE;
	}

	/**
	 * Run an action with a conversation id in effect on this thread.
	 * @param <T> result type
	 * @param conversationId the conversation id
	 * @param action the action, typically a pool call
	 * @return the action's result
	 */
	public static <T> T withConversation(String conversationId, Supplier<T> action) {
		return with(current().withConversation(conversationId), action);
	}

	/**
	 * Run an action with a run id in effect on this thread.
	 * @param <T> result type
	 * @param runId the run id
	 * @param action the action, typically a pool call
	 * @return the action's result
	 */
	public static <T> T withRun(String runId, Supplier<T> action) {
		return with(new RoutingKeys(current().conversationId(), runId), action);
	}

	/**
	 * Run an action with keys in effect on this thread; the previous keys are restored
	 * afterwards.
	 * @param <T> result type
	 * @param keys the keys
	 * @param action the action
	 * @return the action's result
	 */
	public static <T> T with(RoutingKeys keys, Supplier<T> action) {
		Objects.requireNonNull(keys, "keys must not be null");
		Objects.requireNonNull(action, "action must not be null");
		Object[] slot = CURRENT.get();
		Object previous = enter(slot, keys);
		try {
			return action.get();
		}
		finally {
			leave(slot, previous);
		}
	}

	/**
	 * This thread's slot, for callers that put keys in effect without a lambda.
	 * @return the slot, for {@link #enter} and {@link #leave}
	 */
	static Object[] slot() {
		return CURRENT.get();
	}

	/**
	 * Put keys in effect.
	 * @param slot this thread's slot
	 * @param keys the keys
	 * @return what was in effect before, for {@link #leave}
	 */
	static Object enter(Object[] slot, RoutingKeys keys) {
		Object previous = slot[0];
		slot[0] = keys;
		return previous;
	}

	/**
	 * Put back what was in effect before {@link #enter}.
	 * @param slot this thread's slot
	 * @param previous what {@link #enter} answered
	 */
	static void leave(Object[] slot, Object previous) {
		slot[0] = previous;
	}

	/**
	 * Reactor context change that pins a stream to a conversation, for
	 * {@code contextWrite}.
	 * @param conversationId the conversation id
	 * @return the context change
	 */
	public static Function<Context, Context> conversation(String conversationId) {
		return keys(RoutingKeys.conversation(conversationId));
	}

	/**
	 * Reactor context change that carries routing keys, for {@code contextWrite}.
	 * @param keys the keys
	 * @return the context change
	 */
	public static Function<Context, Context> keys(RoutingKeys keys) {
		Objects.requireNonNull(keys, "keys must not be null");
		return (context) -> context.put(REACTOR_CONTEXT_KEY, keys);
	}

	/**
	 * Keys carried by a Reactor context.
	 * @param context the context
	 * @return the keys, if any
	 */
	public static Optional<RoutingKeys> from(ContextView context) {
		return context.getOrEmpty(REACTOR_CONTEXT_KEY);
	}

}
