package io.github.modelpool.pool;

import java.time.Duration;

import io.github.modelpool.budget.LimitReading;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Reads the provider's rate-limit headers from an answer's Spring AI metadata
 * ({@link ChatResponseMetadata#getRateLimit()}), where the line's model puts them:
 * Spring AI 1.1's OpenAI model and Spring AI 2.0's Anthropic model do; others answer an
 * empty rate limit, which reads as {@link LimitReading#NONE}. Reading never fails a call.
 */
final class AnswerLimits {

	private AnswerLimits() {
	}

	static LimitReading of(ChatResponse response) {
		try {
			ChatResponseMetadata metadata = (response != null) ? response.getMetadata() : null;
			RateLimit limit = (metadata != null) ? metadata.getRateLimit() : null;
			if (limit == null) {
				return LimitReading.NONE;
			}
			long requestsLimit = count(limit.getRequestsLimit());
			long tokensLimit = count(limit.getTokensLimit());
			// An empty rate limit answers zero everywhere: no account has a limit of zero.
			if (requestsLimit <= 0 && tokensLimit <= 0) {
				return LimitReading.NONE;
			}
			return new LimitReading(requestsLimit, count(limit.getRequestsRemaining()), nanos(limit.getRequestsReset()),
					tokensLimit, count(limit.getTokensRemaining()), nanos(limit.getTokensReset()));
		}
		catch (RuntimeException ex) {
			return LimitReading.NONE;
		}
	}

	private static long count(Long value) {
		return (value != null && value >= 0) ? value : -1;
	}

	private static long nanos(Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			return -1;
		}
		try {
			return value.toNanos();
		}
		catch (ArithmeticException ex) {
			return -1;
		}
	}

}
