package io.github.modelpool.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.modelpool.state.AccountUsage;
import io.github.modelpool.state.HoldKind;
import io.github.modelpool.state.HoldSubscription;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.state.SessionMove;
import io.github.modelpool.state.SharedSession;
import io.github.modelpool.state.StateStore;
import io.github.modelpool.state.StoreKind;
import io.github.modelpool.state.StoreListener;
import io.github.modelpool.state.StoreOperation;
import io.github.modelpool.state.StoreStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

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
 * <li>Each provider account's use is counted per slot of its window and per instance in
 * the hash {@code <prefix>budget:<account>}; instances announce themselves in the sorted
 * set {@code <prefix>instances}, each entry scored by when it expires. Pools exchange
 * their accounts' use every {@code usageExchangeInterval}, off the call path, one script
 * per account that counts anything; calls never wait on it.</li>
 * <li>Every operation waits at most {@code timeout}, but for the first ones at start,
 * which open the connections ({@value #STARTUP_TIMEOUTS} timeouts). When Redis does not
 * answer, the store is marked away (one WARN), later operations are skipped at once, and moves and
 * holds made here are kept ({@link PendingWrites}); a check every {@code checkInterval} notices Redis back,
 * writes them back (a move only when no instance moved that session later), reads the
 * holds placed meanwhile and logs one INFO.</li>
 * </ul>
 */
public final class RedisStateStore implements StateStore, SmartLifecycle, AutoCloseable {

	/** How many timeouts each first operation may take: it opens its connection. */
	static final int STARTUP_TIMEOUTS = 10;

	/**
	 * Slots an account's window is counted in on Redis, as budgets count it locally; one
	 * more is kept, as a use may fall in the slot before the window.
	 */
	static final int USAGE_SLOTS = 20;

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final String instanceId;

	private final Duration timeout;

	private final Duration checkInterval;

	private final Duration usageExchangeInterval;

	private final Clock clock;

	private final RedisAvailability availability;

	private final HoldChannel holds;

	private final PendingWrites pending = new PendingWrites();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ScheduledExecutorService checker;

	private RedisStateStore(Builder builder) {
		this.redis = new ReactiveStringRedisTemplate(builder.connectionFactory);
		this.keyPrefix = builder.keyPrefix;
		this.instanceId = builder.instanceId;
		this.timeout = builder.timeout;
		this.checkInterval = builder.checkInterval;
		this.usageExchangeInterval = builder.usageExchangeInterval;
		this.clock = builder.clock;
		this.availability = new RedisAvailability(builder.timeout, builder.clock, builder.listener);
		this.holds = new HoldChannel(builder.connectionFactory, builder.keyPrefix + "holds", builder.instanceId);
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
	 * Connect and listen for holds, each allowed {@value #STARTUP_TIMEOUTS} timeouts
	 * since it opens a connection first (a cold JVM takes longer than a round trip for
	 * that), twice that in all; when Redis does not answer the store starts away and
	 * keeps checking. Starting again does nothing.
	 */
	@Override
	public void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		Duration startupLimit = this.timeout.multipliedBy(STARTUP_TIMEOUTS);
		Future<?> first = this.checker.submit(() -> check(startupLimit));
		try {
			first.get(startupLimit.toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			this.availability.markAway(ex);
		}
		long interval = this.checkInterval.toMillis();
		this.checker.scheduleWithFixedDelay(() -> check(this.timeout), interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean isRunning() {
		return this.started.get() && !this.closed.get();
	}

	/**
	 * Starts before the pools, which subscribe to it, and stops after them; stops before
	 * the application's Redis connection factory.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
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
		this.availability.close();
		this.checker.shutdownNow();
		this.holds.stop();
	}

	@Override
	public StoreKind kind() {
		return StoreKind.REDIS;
	}

	@Override
	public boolean mayBlock() {
		return true;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public StoreStatus status() {
		return this.availability.status();
	}

	@Override
	public SharedSession touchSession(String pool, String key, SharedSession proposed, Duration idleTimeout) {
		List<String> stored = this.availability.execute(StoreOperation.TOUCH_SESSION,
				() -> values(this.redis.execute(RedisScripts.TOUCH, List.of(sessionKey(pool, key)),
						SessionCodec.touchArguments(proposed, idleTimeout))));
		return (stored != null) ? SessionCodec.session(stored, proposed) : null;
	}

	@Override
	public SessionMove moveSession(String pool, String key, String expectedActive, SharedSession next,
			Duration idleTimeout) {
		String redisKey = sessionKey(pool, key);
		List<String> stored = this.availability.execute(StoreOperation.MOVE_SESSION,
				() -> values(this.redis.execute(RedisScripts.MOVE, List.of(redisKey),
						SessionCodec.moveArguments(expectedActive, next, idleTimeout))));
		SharedSession session = (stored != null) ? SessionCodec.session(stored, next) : null;
		if (session == null) {
			this.pending.keepMove(redisKey, next, idleTimeout);
			return null;
		}
		return new SessionMove(SessionCodec.moveWon(stored), session);
	}

	@Override
	public Duration usageExchangeInterval() {
		return this.usageExchangeInterval;
	}

	@Override
	public AccountUsage exchangeUsage(String account, long requests, long tokens, Duration window) {
		long slotMillis = Math.max(1, window.toMillis() / USAGE_SLOTS);
		// An instance counts as alive for three exchanges after its last one.
		long life = Math.max(1, this.usageExchangeInterval.toMillis() * 3);
		List<String> answer = this.availability.execute(StoreOperation.EXCHANGE_USAGE,
				() -> values(this.redis.execute(RedisScripts.EXCHANGE_USAGE,
						List.of(this.keyPrefix + "budget:" + account, this.keyPrefix + "instances"),
						List.of(this.instanceId, Long.toString(requests), Long.toString(tokens),
								Long.toString(slotMillis), Long.toString(USAGE_SLOTS + 1), Long.toString(life)))));
		if (answer == null || answer.size() < 3) {
			return null;
		}
		try {
			return new AccountUsage(Long.parseLong(answer.get(0)), Long.parseLong(answer.get(1)),
					Integer.parseInt(answer.get(2)));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public void publish(MemberHold hold) {
		if (!publishNow(hold)) {
			this.pending.keepHold(hold);
		}
	}

	@Override
	public HoldSubscription subscribe(String pool, Consumer<MemberHold> listener) {
		HoldSubscription subscription = this.holds.subscribe(pool, listener);
		if (this.availability.isReachable()) {
			deliverStoredHolds(pool, null);
		}
		return subscription;
	}

	private boolean publishNow(MemberHold hold) {
		Long receivers = this.availability.execute(StoreOperation.PUBLISH_HOLD,
				() -> this.redis
					.execute(RedisScripts.PUBLISH_HOLD, List.of(holdsKey(hold.pool())),
							List.of(hold.member(), HoldCodec.entry(hold), this.holds.name(), HoldCodec.message(hold)))
					.next());
		return receivers != null;
	}

	/**
	 * Hand the holds stored for a pool to its subscriber: those that hold now, and when
	 * {@code since} is given, the releases made since then.
	 */
	private void deliverStoredHolds(String pool, Instant since) {
		Map<String, String> entries = this.availability.execute(StoreOperation.READ_HOLDS,
				() -> this.redis.<String, String>opsForHash()
					.entries(holdsKey(pool))
					.collectMap(Map.Entry::getKey, Map.Entry::getValue));
		if (entries == null) {
			return;
		}
		Instant now = this.clock.instant();
		entries.forEach((member, entry) -> {
			MemberHold hold = HoldCodec.fromEntryIfReadable(pool, member, entry);
			boolean releasedMeanwhile = hold != null && hold.kind() == HoldKind.RELEASE && since != null
					&& !hold.placedAt().isBefore(since);
			if (hold != null && (hold.holdsAt(now) || releasedMeanwhile)) {
				this.holds.deliver(hold);
			}
		});
	}

	/**
	 * Runs on the checker thread: notice Redis away or back, write back, keep listening.
	 */
	private void check(Duration limit) {
		if (this.closed.get()) {
			return;
		}
		try {
			this.availability.await(StoreOperation.PING,
					() -> this.redis.execute((connection) -> connection.ping()).next(), limit);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			this.availability.markAway(ex);
			this.holds.lost();
			return;
		}
		// Listen before reading stored holds: a hold placed in between is then announced
		// to this instance or already stored, never missed.
		try {
			this.holds.listen(limit);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			this.availability.markAway(ex);
			this.holds.lost();
			return;
		}
		Instant awaySince = this.availability.markBack();
		if (awaySince != null || !this.pending.isEmpty()) {
			writeBack(awaySince);
		}
	}

	/**
	 * Write back what changed here while Redis was away and, when it was away, read what
	 * other instances placed meanwhile.
	 */
	private void writeBack(Instant awaySince) {
		long start = System.nanoTime();
		int holdsWritten = this.pending.writeHolds(this::publishNow);
		AtomicInteger movesWritten = new AtomicInteger();
		this.pending.writeMoves((key, move) -> {
			Long written = this.availability.execute(StoreOperation.RECONCILE,
					() -> this.redis
						.execute(RedisScripts.RECONCILE_SESSION, List.of(key),
								SessionCodec.reconcileArguments(move.session(), move.idleTimeout()))
						.next());
			if (written != null) {
				movesWritten.addAndGet(written.intValue());
			}
			return written != null;
		});
		if (awaySince != null) {
			this.holds.pools().forEach((pool) -> deliverStoredHolds(pool, awaySince));
			this.availability.reportBack(movesWritten.get(), holdsWritten);
		}
	}

	/**
	 * A script's answer (one list) as strings.
	 */
	@SuppressWarnings("rawtypes")
	private static Mono<List<String>> values(Flux<List> results) {
		return results.next()
			.map((answer) -> ((List<?>) answer).stream().map((value) -> Objects.toString(value, "")).toList());
	}

	private String sessionKey(String pool, String key) {
		return this.keyPrefix + "session:" + pool + ":" + key;
	}

	private String holdsKey(String pool) {
		return this.keyPrefix + "holds:" + pool;
	}

	/**
	 * Builds a {@link RedisStateStore}.
	 */
	public static final class Builder {

		private final ReactiveRedisConnectionFactory connectionFactory;

		private String keyPrefix = RedisStoreDefaults.KEY_PREFIX;

		private String instanceId = "instance";

		private Duration timeout = RedisStoreDefaults.TIMEOUT;

		private Duration checkInterval = RedisStoreDefaults.CHECK_INTERVAL;

		private Duration usageExchangeInterval = RedisStoreDefaults.USAGE_EXCHANGE_INTERVAL;

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
		 * How often pools exchange their accounts' use with the other instances.
		 * @param usageExchangeInterval the interval
		 * @return this builder
		 */
		public Builder usageExchangeInterval(Duration usageExchangeInterval) {
			this.usageExchangeInterval = Objects.requireNonNull(usageExchangeInterval,
					"usageExchangeInterval must not be null");
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
