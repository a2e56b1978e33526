package io.github.modelpool.autoconfigure;

import org.springframework.aot.hint.MemberCategory;

/**
 * What the shared auto-configuration needs to know of the Spring Boot 3.5 line: the
 * names of classes that moved between Boot generations, as constants, and this line's
 * generation.
 */
final class BootLine {

	/** The Spring Boot generation this jar is built for. */
	static final int BOOT_GENERATION = 3;

	static final String RESILIENCE4J_CIRCUIT_BREAKER_AUTO_CONFIGURATION = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration";

	static final String METRICS_AUTO_CONFIGURATION = "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration";

	static final String COMPOSITE_METER_REGISTRY_AUTO_CONFIGURATION = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration";

	static final String SIMPLE_METRICS_EXPORT_AUTO_CONFIGURATION = "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration";

	/** Runs after Boot's Redis connection factory exists. */
	static final String DATA_REDIS_AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration";

	/** The hint that lets a native image read a type's private fields, named by this line's Spring Framework. */
	static final MemberCategory DECLARED_FIELD_ACCESS = MemberCategory.DECLARED_FIELDS;

	private BootLine() {
	}

}
