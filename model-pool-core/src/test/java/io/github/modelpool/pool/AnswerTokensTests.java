package io.github.modelpool.pool;

import java.util.List;
import java.util.Optional;

import io.github.modelpool.member.TokenCounts;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token counts read from answers whatever shape the provider's usage has; what cannot be
 * read counts as nothing and never fails.
 */
class AnswerTokensTests {

	@Test
	void cacheReadsCountedApartFromTheInputAreAddedToIt() {
		// Anthropic's and Bedrock's shape: input tokens exclude cache reads and writes.
		record ApartUsage(Integer cacheReadInputTokens, Integer cacheCreationInputTokens) {
		}
		assertThat(AnswerTokens.of(answer(new DefaultUsage(8, 5, 13, new ApartUsage(6, 2)))))
			.isEqualTo(new TokenCounts(16, 6, 5));
	}

	@Test
	void cachedTokensInThePromptsDetailsArePartOfTheInput() {
		// OpenAI's shape, with the SDK's optionals.
		record Details(Optional<Long> cachedTokens) {
		}
		record PartUsage(Optional<Details> promptTokensDetails) {
		}
		assertThat(AnswerTokens.of(answer(new DefaultUsage(14, 6, 20, new PartUsage(Optional.of(new Details(Optional.of(6L))))))))
			.isEqualTo(new TokenCounts(14, 6, 6));
		assertThat(AnswerTokens.of(answer(new DefaultUsage(14, 6, 20, new PartUsage(Optional.empty())))))
			.isEqualTo(new TokenCounts(14, 0, 6));
	}

	@Test
	void whatCannotBeReadCountsAsNothing() {
		record Broken() {
			public Integer cacheReadInputTokens() {
				throw new IllegalStateException("no");
			}
		}
		record Negative(Integer cacheReadInputTokens) {
		}
		assertThat(AnswerTokens.of(answer(new DefaultUsage(3, 2, 5, new Broken())))).isEqualTo(new TokenCounts(3, 0, 2));
		assertThat(AnswerTokens.of(answer(new DefaultUsage(3, 2, 5, new Negative(-4))))).isEqualTo(new TokenCounts(3, 0, 2));
		assertThat(AnswerTokens.of(answer(new DefaultUsage(3, 2, 5, "not a usage")))).isEqualTo(new TokenCounts(3, 0, 2));
		assertThat(AnswerTokens.of(new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))))))
			.isSameAs(TokenCounts.NONE);
		assertThat(AnswerTokens.of((ChatResponse) null)).isSameAs(TokenCounts.NONE);
	}

	private static ChatResponse answer(DefaultUsage usage) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))),
				ChatResponseMetadata.builder().usage(usage).build());
	}

}
