package io.github.modelpool.autoconfigure;

import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.pool.Pool;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the pools with the application context and stops them when it closes: after the
 * web server has stopped taking requests (its graceful shutdown runs earlier), before the
 * shared state store stops.
 */
class ModelPoolsLifecycle implements SmartLifecycle {

	/**
	 * Below the web server's phases ({@code DEFAULT_PHASE - 1024} graceful shutdown,
	 * {@code - 2048} the server), so pools stop after requests end; above the Redis state
	 * store's ({@code - 4096}), so it starts first and stops last.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private final ModelPools pools;

	private volatile boolean running;

	ModelPoolsLifecycle(ModelPools pools) {
		this.pools = pools;
	}

	@Override
	public void start() {
		this.pools.forEach(Pool::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.pools.forEach(Pool::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
