package io.github.modelpool.platform;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's default options on Spring AI 1.1 tell whether anything was set on them, so
 * every setter must say so: a setter they did not override would let a setting through
 * unnoticed, and the member would never receive it.
 */
class PoolDefaultOptionsTests {

	@Test
	void everySetterOfSpringAisToolCallingOptionsIsOverridden() {
		List<Method> setters = setters();
		assertThat(setters).hasSizeGreaterThanOrEqualTo(12);
		assertThat(setters).allSatisfy((setter) -> assertThat(
				PoolDefaultOptions.class.getDeclaredMethod(setter.getName(), setter.getParameterTypes()))
			.as(setter.getName())
			.isNotNull());
	}

	@Test
	void aCopyNobodySetAnythingOnAsksForNothing() {
		ChatOptions copy = new SpringAiMemberPrompts().poolDefaults().copy();
		assertThat(copy).isInstanceOf(PoolDefaultOptions.class);
		assertThat(SpringAiMemberPrompts.asksForNothing(copy)).isTrue();
	}

	@Test
	void anySetterMakesACopyAskForSomething() throws Exception {
		for (Method setter : setters()) {
			ChatOptions copy = new SpringAiMemberPrompts().poolDefaults().copy();
			setter.invoke(copy, sample(setter.getParameterTypes()[0]));
			assertThat(SpringAiMemberPrompts.asksForNothing(copy)).as(setter.getName()).isFalse();
		}
	}

	@Test
	void aCopyOfOptionsSomethingWasSetOnKeepsIt() {
		ToolCallingChatOptions options = (ToolCallingChatOptions) new SpringAiMemberPrompts().poolDefaults();
		options.setToolNames(Set.of("weather"));
		ToolCallingChatOptions copy = options.copy();
		assertThat(copy.getToolNames()).containsExactly("weather");
		assertThat(SpringAiMemberPrompts.asksForNothing(copy)).isFalse();
	}

	private static List<Method> setters() {
		return Arrays.stream(DefaultToolCallingChatOptions.class.getMethods())
			.filter((method) -> method.getName().startsWith("set") && method.getParameterCount() == 1
					&& !Modifier.isStatic(method.getModifiers()))
			.toList();
	}

	private static Object sample(Class<?> type) {
		if (type == List.class) {
			return List.of();
		}
		if (type == Set.class) {
			return Set.of("tool");
		}
		if (type == Map.class) {
			return Map.of("key", "value");
		}
		if (type == Double.class) {
			return 0.5;
		}
		if (type == Integer.class) {
			return 3;
		}
		if (type == Boolean.class) {
			return Boolean.FALSE;
		}
		if (type == String.class) {
			return "model";
		}
		throw new IllegalArgumentException("No sample value for " + type);
	}

}
