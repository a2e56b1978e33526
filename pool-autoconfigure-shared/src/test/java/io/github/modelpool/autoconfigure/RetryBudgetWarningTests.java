package io.github.modelpool.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.ai.retry.autoconfigure.SpringAiRetryProperties;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetWarningTests {

	@Test
	void springAiDefaultsRetryForAboutNineteenMinutes() {
		Duration worst = RetryBudgetWarning.worstCaseRetryTime(new SpringAiRetryProperties());
		// 2 s, 10 s, 50 s, then 3 minutes six times.
		assertThat(worst).isEqualTo(Duration.ofSeconds(2 + 10 + 50 + 6 * 180));
	}

	@Test
	void singleAttemptNeverWaits() {
		SpringAiRetryProperties properties = new SpringAiRetryProperties();
		properties.setMaxAttempts(1);
		assertThat(RetryBudgetWarning.worstCaseRetryTime(properties)).isZero();
	}

	@Test
	void shortBackoffStaysUnderTheTolerance() {
		SpringAiRetryProperties properties = new SpringAiRetryProperties();
		properties.setMaxAttempts(3);
		properties.getBackoff().setInitialInterval(Duration.ofMillis(200));
		properties.getBackoff().setMaxInterval(Duration.ofSeconds(1));
		assertThat(RetryBudgetWarning.worstCaseRetryTime(properties)).isEqualTo(Duration.ofMillis(1200));
	}

}
