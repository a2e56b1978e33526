package io.github.modelpool.failure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTests {

	@Test
	void keysTokensAndUrlCredentialsAreRemoved() {
		String redacted = SecretRedactor.redact("Incorrect API key provided: sk-proj-abcdef123456. "
				+ "Authorization: Bearer eyJhbGciOi.payload.sig url https://user:pa55@api.example.com/v1?key=AIzaSecret "
				+ "\"api_key\": \"secret-value\"");
		assertThat(redacted).doesNotContain("abcdef123456", "eyJhbGciOi", "pa55", "AIzaSecret", "secret-value")
			.contains("sk-***", "Authorization: ***", "https://***@api.example.com", "key=***");
		assertThat(SecretRedactor.redact("sent Bearer abc.def-123 upstream")).isEqualTo("sent Bearer *** upstream");
	}

	@Test
	void urlsLoseUserInfoAndEveryQueryValue() {
		assertThat(SecretRedactor.redactUrl("http://admin:secret@host:8080/v1?token=t0k&sig=s1g&api-version=2024"))
			.isEqualTo("http://***@host:8080/v1?token=***&sig=***&api-version=***");
		assertThat(SecretRedactor.redactUrl("https://api.openai.com/v1")).isEqualTo("https://api.openai.com/v1");
	}

	@Test
	void onlyTheFirstLineIsKeptAndLongTextIsShortened() {
		assertThat(SecretRedactor.redact("first line\nsecond line")).isEqualTo("first line");
		assertThat(SecretRedactor.redact("x".repeat(1000))).hasSize(240).endsWith("...");
		assertThat(SecretRedactor.redact(null)).isEmpty();
	}

}
