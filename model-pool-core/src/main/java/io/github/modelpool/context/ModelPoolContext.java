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

	private static final ThreadLocal<RoutingKeys> CURRENT = new ThreadLocal<>();

	private ModelPoolContext() {
	}

	/**
	 * Keys in effect on this thread.
	 * @return the keys, {@link RoutingKeys#NONE} when none are set
	 */
	public static RoutingKeys current() {
		RoutingKeys keys = CURRENT.get();
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
		return with(new RoutingKeys(conversationId, current().runId()), action);
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
		RoutingKeys previous = CURRENT.get();
		CURRENT.set(keys);
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
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
