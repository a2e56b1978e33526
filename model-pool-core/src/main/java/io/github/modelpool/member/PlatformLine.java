package io.github.modelpool.member;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The parts of the pool that a platform line's jar provides, loaded once on first use;
 * without one, the core's portable defaults.
 */
final class PlatformLine {

	private static final MemberPrompts MEMBER_PROMPTS = load();

	private PlatformLine() {
	}

	static MemberPrompts memberPrompts() {
		return MEMBER_PROMPTS;
	}

	private static MemberPrompts load() {
		Iterator<MemberPrompts> found = ServiceLoader.load(MemberPrompts.class, MemberPrompts.class.getClassLoader())
			.iterator();
		return found.hasNext() ? found.next() : new PortableMemberPrompts();
	}

}
