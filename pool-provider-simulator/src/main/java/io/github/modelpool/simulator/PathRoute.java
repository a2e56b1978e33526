package io.github.modelpool.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat endpoint whose path names the model (and, for some APIs, whether to stream):
 * the path matched against a pattern whose first group is the model.
 */
final class PathRoute {

	private final Pattern pattern;

	PathRoute(String regex) {
		this.pattern = Pattern.compile(regex);
	}

	boolean matches(String path) {
		return this.pattern.matcher(path).matches();
	}

	/**
	 * A group of the path.
	 * @param path request path below the member's base URL
	 * @param group the group, 1 for the model
	 * @return its text, or {@code null} when the path does not match
	 */
	String group(String path, int group) {
		Matcher matcher = this.pattern.matcher(path);
		return matcher.matches() ? matcher.group(group) : null;
	}

}
