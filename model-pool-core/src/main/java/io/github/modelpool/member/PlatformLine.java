package io.github.modelpool.member;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The parts of the pool that a platform line's jar provides, loaded once on first use.
 */
final class PlatformLine {

	private static final MemberPrompts MEMBER_PROMPTS = load();

	private PlatformLine() {
	}

	static MemberPrompts memberPrompts() {
		if (MEMBER_PROMPTS == null) {
			throw new IllegalStateException("No Spring AI platform line found for model pools: add the starter "
					+ "of your Spring Boot generation, io.github.modelpool:pool-spring-boot-starter (Spring Boot 3, "
					+ "Spring AI 1.1) or io.github.modelpool:pool-spring-boot4-starter (Spring Boot 4, Spring AI 2.0)");
		}
		return MEMBER_PROMPTS;
	}

	private static MemberPrompts load() {
		Iterator<MemberPrompts> found = ServiceLoader.load(MemberPrompts.class, MemberPrompts.class.getClassLoader())
			.iterator();
		return found.hasNext() ? found.next() : null;
	}

}
