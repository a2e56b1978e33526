package io.github.modelpool.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Predicate;

import io.github.modelpool.member.ModelType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.retry.autoconfigure.SpringAiRetryProperties;

/**
 * Warns, once per pool, when Spring AI's own retries would retry pooled members: the
 * pool is the one retry loop an application needs, and a second loop below it keeps a
 * failing member busy before the pool can fail over.
 */
final class RetryBudgetWarning {

	private static final Log logger = LogFactory.getLog(RetryBudgetWarning.class);

	private RetryBudgetWarning() {
	}

	/**
	 * Longest time Spring AI spends retrying one failing call under these settings: the
	 * sum of its exponential backoff waits.
	 * @param properties {@code spring.ai.retry.*}
	 * @return the total wait
	 */
	static Duration worstCaseRetryTime(SpringAiRetryProperties properties) {
		Duration total = Duration.ZERO;
		Duration max = properties.getBackoff().getMaxInterval();
		double interval = properties.getBackoff().getInitialInterval().toMillis();
		for (int retry = 1; retry < properties.getMaxAttempts(); retry++) {
			total = total.plus(min(Duration.ofMillis((long) Math.min(interval, Long.MAX_VALUE / 2)), max));
			interval = interval * Math.max(1, properties.getBackoff().getMultiplier());
		}
		return total;
	}

	/**
	 * Log one warning per pool that uses Spring AI's retry settings when they retry at
	 * all.
	 * @param properties {@code spring.ai.retry.*}
	 * @param type what the pools pool
	 * @param poolIds configured pools of that type
	 * @param usesSpringAiRetry whether a pool has members that use these settings
	 * @return the number of warnings logged
	 */
	static int warnIfTooLong(SpringAiRetryProperties properties, ModelType type, Collection<String> poolIds,
			Predicate<String> usesSpringAiRetry) {
		if (properties.getMaxAttempts() <= 1) {
			return 0;
		}
		Duration worst = worstCaseRetryTime(properties);
		int warnings = 0;
		for (String poolId : poolIds) {
			if (usesSpringAiRetry.test(poolId)) {
				logger.warn(message(poolProperty(type, poolId), poolId, properties.getMaxAttempts(), worst));
				warnings++;
			}
		}
		return warnings;
	}

	static String message(String poolProperty, String poolId, int maxAttempts, Duration worst) {
		return "Model pool '" + poolId + "': under spring.ai.retry.* a failing member is retried up to "
				+ (maxAttempts - 1) + " times over about " + readable(worst)
				+ " before the pool can fail over or count it against the member's breaker. The pool retries "
				+ "its members itself (" + poolProperty + ".retry.*): set spring.ai.retry.max-attempts=1 "
				+ "for pooled models, so there is one retry loop, not two.";
	}

	/**
	 * Where a pool is configured.
	 * @param type what the pool pools
	 * @param poolId the pool's id
	 * @return {@code model-pool.pools.<id>} or {@code model-pool.embedding-pools.<id>}
	 */
	static String poolProperty(ModelType type, String poolId) {
		return (type == ModelType.EMBEDDING) ? PoolPropertiesValidator.embeddingPoolProperty(poolId)
				: PoolPropertiesValidator.poolProperty(poolId);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String readable(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 120) ? (seconds / 60) + " minutes" : seconds + " seconds";
	}

}
