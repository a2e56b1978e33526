package io.github.modelpool.failure;

import java.util.Set;

/**
 * Recognizes exception types of optional libraries by name, so the classifier loads
 * without them.
 */
final class TypeNames {

	private TypeNames() {
	}

	/**
	 * Whether a type or one of its superclasses has one of the given names.
	 * @param type the type
	 * @param names fully qualified class names
	 * @return {@code true} when one matches
	 */
	static boolean extendsAny(Class<?> type, Set<String> names) {
		return firstNamed(type, names) != null;
	}

	/**
	 * The type itself or its nearest superclass with one of the given names.
	 * @param type the type
	 * @param names fully qualified class names
	 * @return the named type, or {@code null} when none matches
	 */
	static Class<?> firstNamed(Class<?> type, Set<String> names) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			if (names.contains(current.getName())) {
				return current;
			}
		}
		return null;
	}

}
