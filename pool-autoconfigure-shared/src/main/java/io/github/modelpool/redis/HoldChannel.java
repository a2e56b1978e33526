package io.github.modelpool.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import reactor.core.Disposable;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription.Message;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/**
 * The pub/sub channel on which instances announce holds: hands each hold another
 * instance announces to the subscriber of its pool.
 */
final class HoldChannel {

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final String channel;

	private final String instanceId;

	private final Map<String, Consumer<MemberHold>> subscribers = new ConcurrentHashMap<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	private volatile ReactiveRedisMessageListenerContainer container;

	private volatile Disposable subscription;

	HoldChannel(ReactiveRedisConnectionFactory connectionFactory, String channel, String instanceId) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.instanceId = instanceId;
	}

	String name() {
		return this.channel;
	}

	/**
	 * Hand a pool's holds from other instances to this listener, until the returned
	 * subscription is closed.
	 */
	HoldSubscription subscribe(String pool, Consumer<MemberHold> listener) {
		this.subscribers.put(pool, listener);
		return () -> this.subscribers.remove(pool, listener);
	}

	Set<String> pools() {
		return this.subscribers.keySet();
	}

	/**
	 * Hand a hold to its pool's subscriber, unless this instance placed it.
	 * @param hold the hold
	 */
	void deliver(MemberHold hold) {
		if (hold == null || this.instanceId.equals(hold.origin())) {
			return;
		}
		Consumer<MemberHold> listener = this.subscribers.get(hold.pool());
		if (listener != null) {
			listener.accept(hold);
		}
	}

	/**
	 * Listen on the channel unless already listening, waiting at most the timeout for the
	 * subscription.
	 * @throws ExecutionException when Redis refused it
	 * @throws TimeoutException when Redis did not answer in time
	 */
	void listen(Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
		if (this.listening.get()) {
			return;
		}
		stop();
		ReactiveRedisMessageListenerContainer listenerContainer = new ReactiveRedisMessageListenerContainer(
				this.connectionFactory);
		this.container = listenerContainer;
		this.subscription = listenerContainer.receiveLater(ChannelTopic.of(this.channel))
			.toFuture()
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.map(Message::getMessage)
			.subscribe((message) -> deliver(HoldCodec.fromMessageIfReadable(message)), (error) -> this.listening.set(false),
					() -> this.listening.set(false));
		this.listening.set(true);
	}

	/** Listen again at the next {@link #listen}, Redis having been away. */
	void lost() {
		this.listening.set(false);
	}

	/** Stop listening. */
	void stop() {
		this.listening.set(false);
		Disposable listened = this.subscription;
		if (listened != null) {
			listened.dispose();
		}
		ReactiveRedisMessageListenerContainer listenerContainer = this.container;
		if (listenerContainer != null) {
			listenerContainer.destroyLater().subscribe((done) -> {
			}, (error) -> {
			});
		}
	}

}
