package io.github.modelpool.pool;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pools of an application by id, chat pools then embedding pools, each in
 * declaration order: what the operators' views (endpoint, health, metrics) read. The pools are looked up once, on first use, so the
 * registry can be created before the pools themselves.
 */
public final class ModelPools implements Iterable<Pool> {

	private final Supplier<? extends Collection<? extends Pool>> source;

	private volatile Map<String, Pool> byId;

	private ModelPools(Supplier<? extends Collection<? extends Pool>> source) {
		this.source = source;
	}

	/**
	 * A registry of the given pools.
	 * @param pools the pools, in order
	 * @return the registry
	 */
	public static ModelPools of(Collection<? extends Pool> pools) {
		Objects.requireNonNull(pools, "pools must not be null");
		return new ModelPools(() -> pools);
	}

	/**
	 * A registry of pools looked up on first use.
	 * @param pools supplies the pools, in order, once
	 * @return the registry
	 */
	public static ModelPools lazily(Supplier<? extends Collection<? extends Pool>> pools) {
		return new ModelPools(Objects.requireNonNull(pools, "pools must not be null"));
	}

	/**
	 * The pool of an id.
	 * @param id pool id
	 * @return the pool, if there is one of that id
	 */
	public Optional<Pool> find(String id) {
		return Optional.ofNullable(byId().get(id));
	}

	/**
	 * Ids of every pool, in order.
	 * @return unmodifiable ids
	 */
	public Set<String> ids() {
		return byId().keySet();
	}

	@Override
	public Iterator<Pool> iterator() {
		return byId().values().iterator();
	}

	private Map<String, Pool> byId() {
		Map<String, Pool> pools = this.byId;
		if (pools == null) {
			Map<String, Pool> found = new LinkedHashMap<>();
			this.source.get().forEach((pool) -> found.put(pool.getId(), pool));
			pools = Collections.unmodifiableMap(found);
			this.byId = pools;
		}
		return pools;
	}

}
