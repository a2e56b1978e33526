package io.github.modelpool.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.state.HoldKind;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.SessionMove;
import io.github.modelpool.state.SharedSession;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.state.StoreListener;
import io.github.modelpool.state.StoreOperation;
import io.github.modelpool.state.StoreOutcome;
import io.github.modelpool.state.StoreStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription.Message;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/**
 * A {@link StateStore} on Redis, through Spring Data Redis's reactive API (Lettuce).
 * <ul>
 * <li>Sessions are hashes under {@code <prefix>session:<pool>:<key>}, expiring after the
 * pool's session idle timeout. A call reads and marks its session in one round trip (a
 * Lua script); a move is a compare-and-set script. There is no local cache: a move on one
 * instance is seen by the next call on any other.</li>
 * <li>Holds are kept per pool in the hash {@code <prefix>holds:<pool>} (the latest per
 * member) and announced on the channel {@code <prefix>holds}: pub/sub reaches every
 * listening instance within milliseconds with no polling, and the hash serves instances
 * that start later or missed announcements while away.</li>
 * <li>Every operation waits at most {@code timeout}. When Redis does not answer, the
 * store is marked away (one WARN), later operations are skipped at once, and moves and
 * holds made here are kept; a check every {@code checkInterval} notices Redis back,
 * writes them back (a move only when no instance moved that session later), reads the
 * holds placed meanwhile and logs one INFO.</li>
 * </ul>
 */
public final class RedisStateStore implements StateStore, SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisStateStore.class);

	/** Most moves kept for writing back while Redis is away. */
	static final int MAX_PENDING_MOVES = 100_000;

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final String instanceId;

	private final Duration timeout;

	private final Duration checkInterval;

	private final Clock clock;

	private final StoreListener listener;

	private final Map<String, Consumer<MemberHold>> subscribers = new ConcurrentHashMap<>();

	private final Cache<String, PendingMove> pendingMoves = Caffeine.newBuilder()
		.maximumSize(MAX_PENDING_MOVES)
		.executor(Runnable::run)
		.build();

	private final Map<String, MemberHold> pendingHolds = new ConcurrentHashMap<>();

	private final AtomicBoolean reachable = new AtomicBoolean(true);

	private final AtomicBoolean listening = new AtomicBoolean();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ScheduledExecutorService checker;

	private volatile StoreStatus status = StoreStatus.REACHABLE;

	private volatile Instant awaySince;

	private volatile ReactiveRedisMessageListenerContainer container;

	private volatile Disposable subscription;

	private RedisStateStore(Builder builder) {
		this.connectionFactory = builder.connectionFactory;
		this.redis = new ReactiveStringRedisTemplate(builder.connectionFactory);
		this.keyPrefix = builder.keyPrefix;
		this.instanceId = builder.instanceId;
		this.timeout = builder.timeout;
		this.checkInterval = builder.checkInterval;
		this.clock = builder.clock;
		this.listener = builder.listener;
		this.checker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "model-pool-redis-check");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Start building a store.
	 * @param connectionFactory the application's reactive Redis connection factory
	 * @return the builder
	 */
	public static Builder builder(ReactiveRedisConnectionFactory connectionFactory) {
		return new Builder(connectionFactory);
	}

	/**
	 * Connect and listen for holds, waiting a few timeouts at most; when Redis does not
	 * answer the store starts away and keeps checking. Starting again does nothing.
	 */
	@Override
	public void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		Future<?> first = this.checker.submit(this::check);
		try {
			first.get(this.timeout.toMillis() * 5, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			markAway(ex);
		}
		long interval = this.checkInterval.toMillis();
		this.checker.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean isRunning() {
		return this.started.get() && !this.closed.get();
	}

	/**
	 * Stop checking and listening, before the application's Redis connection factory
	 * stops.
	 */
	@Override
	public void stop() {
		close();
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.checker.shutdownNow();
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

	@Override
	public StoreKind kind() {
		return StoreKind.REDIS;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public StoreStatus status() {
		return this.status;
	}

	@Override
	public SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout) {
		List<String> stored = execute(StoreOperation.TOUCH_SESSION,
				() -> values(this.redis.execute(RedisScripts.TOUCH, List.of(sessionKey(pool, key)),
						List.of(proposed.home(), millis(this.clock.instant()), ttl(idleTimeout)))));
		return (stored != null) ? session(stored, proposed) : null;
	}

	@Override
	public SessionMove moveSession(String pool, String key, String expectedActive, SharedSession next,
			Duration idleTimeout) {
		String redisKey = sessionKey(pool, key);
		List<String> stored = execute(StoreOperation.MOVE_SESSION,
				() -> values(this.redis.execute(RedisScripts.MOVE, List.of(redisKey),
						List.of(expectedActive, next.home(), next.active(), String.valueOf(next.switches()),
								millis(next.lastUsed()), ttl(idleTimeout)))));
		SharedSession session = (stored != null) ? session(stored, next) : null;
		if (session == null) {
			this.pendingMoves.put(redisKey, new PendingMove(next, idleTimeout));
			return null;
		}
		return new SessionMove(stored.size() > 4 && "1".equals(stored.get(4)), session);
	}

	@Override
	public void publish(MemberHold hold) {
		if (!publishNow(hold)) {
			this.pendingHolds.put(hold.pool() + "\t" + hold.member(), hold);
		}
	}

	@Override
	public void subscribe(String pool, Consumer<MemberHold> holdListener) {
		this.subscribers.put(pool, holdListener);
		if (this.reachable.get()) {
			deliverStoredHolds(pool, null);
		}
	}

	private boolean publishNow(MemberHold hold) {
		Long receivers = execute(StoreOperation.PUBLISH_HOLD,
				() -> this.redis
					.execute(RedisScripts.PUBLISH_HOLD, List.of(holdsKey(hold.pool())),
							List.of(hold.member(), HoldCodec.entry(hold), channel(), HoldCodec.message(hold)))
					.next());
		return receivers != null;
	}

	/**
	 * Hand the holds stored for a pool to its subscriber: those that hold now, and when
	 * {@code since} is given, the releases made since then.
	 */
	private void deliverStoredHolds(String pool, Instant since) {
		Consumer<MemberHold> holdListener = this.subscribers.get(pool);
		Map<String, String> entries = execute(StoreOperation.READ_HOLDS,
				() -> this.redis.<String, String>opsForHash().entries(holdsKey(pool)).collectMap(
						Map.Entry::getKey, Map.Entry::getValue));
		if (holdListener == null || entries == null) {
			return;
		}
		Instant now = this.clock.instant();
		entries.forEach((member, entry) -> {
			MemberHold hold = decode(() -> HoldCodec.fromEntry(pool, member, entry));
			boolean releasedMeanwhile = hold != null && hold.kind() == HoldKind.RELEASE && since != null
					&& !hold.placedAt().isBefore(since);
			if (hold != null && !this.instanceId.equals(hold.origin()) && (hold.holdsAt(now) || releasedMeanwhile)) {
				holdListener.accept(hold);
			}
		});
	}

	private void onMessage(String message) {
		MemberHold hold = decode(() -> HoldCodec.fromMessage(message));
		if (hold == null || this.instanceId.equals(hold.origin())) {
			return;
		}
		Consumer<MemberHold> holdListener = this.subscribers.get(hold.pool());
		if (holdListener != null) {
			holdListener.accept(hold);
		}
	}

	/**
	 * Runs on the checker thread: notice Redis away or back, write back, keep listening.
	 */
	private void check() {
		if (this.closed.get()) {
			return;
		}
		long start = System.nanoTime();
		try {
			this.redis.execute((connection) -> connection.ping())
				.next()
				.toFuture()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.listener.onOperation(StoreOperation.PING, StoreOutcome.SUCCESS, System.nanoTime() - start);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			this.listener.onOperation(StoreOperation.PING, StoreOutcome.ERROR, System.nanoTime() - start);
			markAway(ex);
			return;
		}
		Instant since = this.awaySince;
		boolean back = this.reachable.compareAndSet(false, true);
		if (back || this.pendingMoves.estimatedSize() > 0 || !this.pendingHolds.isEmpty()) {
			reconcile(back ? since : null);
		}
		listen();
	}

	private void reconcile(Instant awaySince) {
		long start = System.nanoTime();
		int holds = 0;
		for (Map.Entry<String, MemberHold> pending : List.copyOf(this.pendingHolds.entrySet())) {
			if (publishNow(pending.getValue())) {
				this.pendingHolds.remove(pending.getKey(), pending.getValue());
				holds++;
			}
		}
		int moves = 0;
		for (Map.Entry<String, PendingMove> pending : List.copyOf(this.pendingMoves.asMap().entrySet())) {
			PendingMove move = pending.getValue();
			Long written = execute(StoreOperation.RECONCILE,
					() -> this.redis
						.execute(RedisScripts.RECONCILE_SESSION, List.of(pending.getKey()),
								List.of(move.session().home(), move.session().active(),
										String.valueOf(move.session().switches()), millis(move.session().lastUsed()),
										ttl(move.idleTimeout())))
						.next());
			if (written != null) {
				this.pendingMoves.asMap().remove(pending.getKey(), move);
				moves += written.intValue();
			}
		}
		if (awaySince != null) {
			this.subscribers.keySet().forEach((pool) -> deliverStoredHolds(pool, awaySince));
			this.status = new StoreStatus(true, this.status.lastError(), this.status.lastErrorAt());
			if (this.reachable.get() && logger.isInfoEnabled()) {
				logger.info("Model pool state store (Redis) answers again: wrote back " + moves
						+ " session move(s) and " + holds + " hold(s) made meanwhile");
			}
		}
		this.listener.onOperation(StoreOperation.RECONCILE, StoreOutcome.SUCCESS, System.nanoTime() - start);
	}

	private void listen() {
		if (this.listening.get()) {
			return;
		}
		try {
			Disposable previousSubscription = this.subscription;
			if (previousSubscription != null) {
				previousSubscription.dispose();
			}
			ReactiveRedisMessageListenerContainer previous = this.container;
			if (previous != null) {
				previous.destroyLater().subscribe((done) -> {
				}, (error) -> {
				});
			}
			ReactiveRedisMessageListenerContainer listenerContainer = new ReactiveRedisMessageListenerContainer(
					this.connectionFactory);
			this.container = listenerContainer;
			this.subscription = listenerContainer.receiveLater(ChannelTopic.of(channel()))
				.toFuture()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
				.map(Message::getMessage)
				.subscribe(this::onMessage, (error) -> this.listening.set(false), () -> this.listening.set(false));
			this.listening.set(true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			markAway(ex);
		}
	}

	/**
	 * Run one operation, waiting at most the timeout; {@code null} when Redis is away or
	 * does not answer in time.
	 */
	private <T> T execute(StoreOperation operation, Supplier<Mono<T>> action) {
		if (!this.reachable.get()) {
			this.listener.onOperation(operation, StoreOutcome.SKIPPED, 0);
			return null;
		}
		long start = System.nanoTime();
		CompletableFuture<T> result = null;
		try {
			result = action.get().toFuture();
			T value = result.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.listener.onOperation(operation, StoreOutcome.SUCCESS, System.nanoTime() - start);
			return value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			if (result != null) {
				result.cancel(true);
			}
			this.listener.onOperation(operation, StoreOutcome.ERROR, System.nanoTime() - start);
			markAway((ex instanceof ExecutionException) ? ex.getCause() : ex);
			return null;
		}
	}

	private void markAway(Throwable error) {
		if (this.closed.get()) {
			return;
		}
		Throwable cause = (error instanceof ExecutionException && error.getCause() != null) ? error.getCause() : error;
		String description = describe(cause);
		this.status = new StoreStatus(false, description, this.clock.instant());
		this.listening.set(false);
		if (this.reachable.compareAndSet(true, false)) {
			this.awaySince = this.clock.instant();
			if (logger.isWarnEnabled()) {
				logger.warn("Model pool state store (Redis) does not answer (" + description
						+ "): pools go on with this instance's state and write it back when Redis answers again");
			}
		}
	}

	private SharedSession session(List<String> stored, SharedSession fallback) {
		if (stored.size() < 4 || stored.get(0).isEmpty()) {
			return null;
		}
		String home = stored.get(0);
		String active = stored.get(1).isEmpty() ? home : stored.get(1);
		int switches = stored.get(2).isEmpty() ? 0 : Integer.parseInt(stored.get(2));
		Instant lastUsed = stored.get(3).isEmpty() ? fallback.lastUsed()
				: Instant.ofEpochMilli(Long.parseLong(stored.get(3)));
		return new SharedSession(home, active, switches, lastUsed);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Mono<List<String>> values(Flux<List> results) {
		return results.collectList().map((all) -> {
			List<String> values = new ArrayList<>();
			for (Object element : all) {
				if (element instanceof List<?> nested) {
					nested.forEach((value) -> values.add(Objects.toString(value, "")));
				}
				else {
					values.add(Objects.toString(element, ""));
				}
			}
			return values;
		});
	}

	private MemberHold decode(Supplier<MemberHold> decoder) {
		try {
			return decoder.get();
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored a hold this version cannot read: " + ex.getMessage());
			}
			return null;
		}
	}

	private static String describe(Throwable error) {
		String message = (error.getMessage() != null) ? error.getMessage() : "no answer";
		if (error instanceof TimeoutException) {
			message = "no answer in time";
		}
		return error.getClass().getSimpleName() + ": " + SecretRedactor.redact(message);
	}

	private String sessionKey(String pool, String key) {
		return this.keyPrefix + "session:" + pool + ":" + key;
	}

	private String holdsKey(String pool) {
		return this.keyPrefix + "holds:" + pool;
	}

	private String channel() {
		return this.keyPrefix + "holds";
	}

	private static String millis(Instant instant) {
		return String.valueOf(instant.toEpochMilli());
	}

	private static String ttl(Duration idleTimeout) {
		return String.valueOf(Math.max(1, idleTimeout.toMillis()));
	}

	/**
	 * A move made here while Redis was away.
	 */
	private record PendingMove(SharedSession session, Duration idleTimeout) {
	}

	/**
	 * Builds a {@link RedisStateStore}.
	 */
	public static final class Builder {

		private final ReactiveRedisConnectionFactory connectionFactory;

		private String keyPrefix = "model-pool:";

		private String instanceId = "instance";

		private Duration timeout = Duration.ofMillis(200);

		private Duration checkInterval = Duration.ofSeconds(1);

		private Clock clock = Clock.systemUTC();

		private StoreListener listener = StoreListener.NONE;

		private Builder(ReactiveRedisConnectionFactory connectionFactory) {
			this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory must not be null");
		}

		/**
		 * Prefix of every key and channel the store uses.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
			return this;
		}

		/**
		 * This application instance's id, which its holds carry.
		 * @param instanceId the id
		 * @return this builder
		 */
		public Builder instanceId(String instanceId) {
			this.instanceId = Objects.requireNonNull(instanceId, "instanceId must not be null");
			return this;
		}

		/**
		 * Longest wait for one Redis operation.
		 * @param timeout the wait
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
			return this;
		}

		/**
		 * How often the store checks that Redis answers.
		 * @param checkInterval the interval
		 * @return this builder
		 */
		public Builder checkInterval(Duration checkInterval) {
			this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval must not be null");
			return this;
		}

		/**
		 * Wall clock for shared times.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Told of every operation, for metrics.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(StoreListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		public RedisStateStore build() {
			return new RedisStateStore(this);
		}

	}

}
