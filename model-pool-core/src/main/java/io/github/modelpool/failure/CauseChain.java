package io.github.modelpool.failure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An exception and its causes, the way classification reads them: outermost first, each
 * once (a cause cycle ends the chain), at most {@value #MAX_CAUSES}.
 */
final class CauseChain {

	static final int MAX_CAUSES = 32;

	private CauseChain() {
	}

	/**
	 * The chain of an exception.
	 * @param error the exception
	 * @return it and its causes
	 */
	static List<Throwable> of(Throwable error) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = error; cause != null && chain.size() < MAX_CAUSES && seen.add(cause); cause = cause
			.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

}
