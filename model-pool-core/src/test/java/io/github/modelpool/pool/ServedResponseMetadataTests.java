package io.github.modelpool.pool;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.model.AbstractResponseMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The pool's response metadata reads the member's through instead of copying it; it must
 * answer every accessor as the copy built with Spring AI's builder did.
 */
class ServedResponseMetadataTests {

	private static final List<String> MEMBERS = List.of("a");

	private final ChatResponseMetadata member = ChatResponseMetadata.builder()
		.id("chatcmpl-1")
		.model("gpt-answered")
		.usage(new DefaultUsage(12, 3))
		.keyValue("created", 1700000000L)
		.keyValue(ModelPool.MEMBER_METADATA_KEY, "the member's own value")
		.build();

	private final ServedResponseMetadata served = new ServedResponseMetadata(this.member, "a", "gpt-answered", 2,
			MEMBERS);

	private final ChatResponseMetadata copy = ChatResponseMetadata.builder()
		.id(this.member.getId())
		.model(this.member.getModel())
		.rateLimit(this.member.getRateLimit())
		.usage(this.member.getUsage())
		.promptMetadata(this.member.getPromptMetadata())
		.keyValue("created", 1700000000L)
		.keyValue(ModelPool.MEMBER_METADATA_KEY, "a")
		.keyValue(ModelPool.MODEL_METADATA_KEY, "gpt-answered")
		.keyValue(ModelPool.ATTEMPTS_METADATA_KEY, 2)
		.keyValue(ModelPool.MEMBERS_METADATA_KEY, MEMBERS)
		.build();

	@Test
	void everyPublicMethodOfSpringAisMetadataIsAnsweredByTheView() {
		List<Method> methods = Stream.of(ChatResponseMetadata.class, AbstractResponseMetadata.class)
			.flatMap((type) -> Arrays.stream(type.getDeclaredMethods()))
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
			// toString reads the getters.
			.filter((method) -> !method.getName().equals("toString"))
			.toList();
		assertThat(methods).isNotEmpty();
		assertThat(methods).allSatisfy((method) -> assertThat(
				ServedResponseMetadata.class.getDeclaredMethod(method.getName(), method.getParameterTypes()))
			.as(method.toString())
			.isNotNull());
	}

	@Test
	void answersAsTheBuildersCopyWould() {
		assertThat(this.served.getId()).isEqualTo(this.copy.getId());
		assertThat(this.served.getModel()).isEqualTo(this.copy.getModel());
		assertThat(this.served.getUsage()).isEqualTo(this.copy.getUsage());
		assertThat(this.served.getRateLimit()).isEqualTo(this.copy.getRateLimit());
		assertThat(this.served.getPromptMetadata()).isEqualTo(this.copy.getPromptMetadata());
		assertThat(Map.copyOf(Map.ofEntries(this.served.entrySet().toArray(Map.Entry[]::new))))
			.isEqualTo(Map.ofEntries(this.copy.entrySet().toArray(Map.Entry[]::new)));
		assertThat(this.served.keySet()).isEqualTo(this.copy.keySet());
		for (String key : this.copy.keySet()) {
			assertThat((Object) this.served.get(key)).as(key).isEqualTo(this.copy.get(key));
			assertThat(this.served.containsKey(key)).isTrue();
			assertThat((Object) this.served.getRequired(key)).isEqualTo(this.copy.getRequired(key));
			assertThat(this.served.<Object>getOrDefault(key, "none")).isEqualTo(this.copy.<Object>getOrDefault(key, "none"));
		}
		assertThat((Object) this.served.get("absent")).isNull();
		assertThat(this.served.containsKey("absent")).isFalse();
		assertThat(this.served.getOrDefault("absent", "none")).isEqualTo("none");
		assertThatIllegalArgumentException().isThrownBy(() -> this.served.getRequired("absent"))
			.withMessageContaining("absent");
		assertThat(this.served.isEmpty()).isFalse();
		assertThat(this.served).isEqualTo(this.copy).hasSameHashCodeAs(this.copy);
		assertThat(this.served.toString()).isEqualTo(this.copy.toString());
	}

	@Test
	void theEntriesCannotBeChanged() {
		assertThat(this.served.entrySet()).isUnmodifiable();
		assertThat(this.served.keySet()).isUnmodifiable();
	}

	@Test
	void aMemberWithoutMetadataLeavesSpringAisDefaults() {
		ServedResponseMetadata alone = new ServedResponseMetadata(null, "b", null, 1, List.of("b"));
		ChatResponseMetadata defaults = new ChatResponseMetadata();
		assertThat(alone.getId()).isEqualTo(defaults.getId());
		assertThat(alone.getModel()).isEqualTo(defaults.getModel());
		assertThat(alone.containsKey(ModelPool.MODEL_METADATA_KEY)).isFalse();
		assertThat(alone.keySet()).containsExactlyInAnyOrder(ModelPool.MEMBER_METADATA_KEY,
				ModelPool.ATTEMPTS_METADATA_KEY, ModelPool.MEMBERS_METADATA_KEY);
	}

	@Test
	void aResponseRebuiltFromThePoolsAnswerKeepsThePoolsEntries() {
		// What Spring AI's tool-calling and retrieval advisors do with an answer.
		ChatResponse answer = new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))), this.served);
		ChatResponse rebuilt = ChatResponse.builder().from(answer).build();
		assertThat((String) rebuilt.getMetadata().get(ModelPool.MEMBER_METADATA_KEY)).isEqualTo("a");
		assertThat((Object) rebuilt.getMetadata().get(ModelPool.MEMBERS_METADATA_KEY)).isEqualTo(MEMBERS);
		assertThat((Object) rebuilt.getMetadata().get("created")).isEqualTo(1700000000L);
		assertThat(rebuilt.getMetadata().getId()).isEqualTo("chatcmpl-1");
	}

}
