package io.github.modelpool.member;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class MemberStateTests {

	@ParameterizedTest
	@EnumSource(CircuitBreaker.State.class)
	void everyBreakerStateShowsAsTheMemberStateOfTheSameName(CircuitBreaker.State state) {
		assertThat(MemberState.of(state).name()).isEqualTo(state.name());
	}

}
