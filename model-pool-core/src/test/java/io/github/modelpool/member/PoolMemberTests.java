package io.github.modelpool.member;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.modelpool.failure.Failure;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.state.HoldKind;
import io.github.modelpool.state.MemberHold;
import io.github.modelpool.support.FakeTime;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import static org.assertj.core.api.Assertions.assertThat;

class PoolMemberTests {


	private final FakeTime time = new FakeTime();

	@Test
	void breakerOpensAfterFiveConsecutiveFailuresAdmitsOneProbeAfterTheWaitAndClosesOnSuccess() {
		PoolMember member = member();
		for (int i = 0; i < 4; i++) {
			fail(member, FailureKind.TRANSIENT);
			assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		}
		fail(member, FailureKind.TRANSIENT);
		assertThat(member.state()).isEqualTo(MemberState.OPEN);
		assertThat(member.gate().tryAcquire()).isFalse();
		this.time.advance(Duration.ofSeconds(31));
		assertThat(member.gate().tryAcquire()).as("the probe").isTrue();
		assertThat(member.state()).isEqualTo(MemberState.HALF_OPEN);
		assertThat(member.gate().tryAcquire()).as("only one probe").isFalse();
		member.gate().succeeded(1);
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
	}

	@Test
	void holdsPlacedHereAreToldAndThoseOfOtherInstancesAreAppliedWithoutTellingAgain() {
		PoolMember member = member();
		List<String> told = new ArrayList<>();
		member.gate().publishHoldsTo((held, kind, until) -> told.add(kind + " " + until));
		member.quarantine(Duration.ofMinutes(1));
		assertThat(member.heldBy()).as("placed here").isNull();
		member.reset();
		member.isolate();
		member.reset();
		assertThat(told).containsExactly("QUARANTINE " + this.time.instant().plus(Duration.ofMinutes(1)),
				"RELEASE null", "ISOLATION null", "RELEASE null");

		told.clear();
		Instant until = this.time.instant().plus(Duration.ofMinutes(5));
		member.gate().apply(new MemberHold("pool", member.id(), HoldKind.QUARANTINE, until, "web-2", this.time.instant()));
		assertThat(member.state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(member.quarantinedUntil()).isEqualTo(until);
		assertThat(member.heldBy()).isEqualTo("web-2");
		member.gate().apply(new MemberHold("pool", member.id(), HoldKind.RELEASE, null, "web-3", this.time.instant()));
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		assertThat(member.heldBy()).isNull();
		member.gate().apply(new MemberHold("pool", member.id(), HoldKind.ISOLATION, null, "web-2", this.time.instant()));
		assertThat(member.state()).isEqualTo(MemberState.FORCED_OPEN);
		assertThat(member.heldBy()).isEqualTo("web-2");
		assertThat(told).as("never told again").isEmpty();
	}

	@Test
	void anEndedQuarantineOfAnotherInstanceIsNotApplied() {
		PoolMember member = member();
		Instant ended = this.time.instant().minusSeconds(1);
		member.gate().apply(new MemberHold("pool", member.id(), HoldKind.QUARANTINE, ended, "web-2",
				ended.minusSeconds(60)));
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		assertThat(member.heldBy()).isNull();
	}

	@Test
	void failedProbeReopensTheBreaker() {
		PoolMember member = member();
		member.circuitBreaker().transitionToOpenState();
		this.time.advance(Duration.ofSeconds(31));
		assertThat(member.gate().tryAcquire()).isTrue();
		member.gate().failed(Failure.of(FailureKind.QUOTA), new IllegalStateException("429"), 1);
		assertThat(member.state()).isEqualTo(MemberState.OPEN);
	}

	@Test
	void readingStateOrAvailabilityNeverTakesTheHalfOpenProbe() {
		PoolMember member = member();
		member.circuitBreaker().transitionToOpenState();
		member.circuitBreaker().transitionToHalfOpenState();
		for (int i = 0; i < 100; i++) {
			assertThat(member.isAvailable()).isTrue();
			assertThat(member.state()).isEqualTo(MemberState.HALF_OPEN);
		}
		assertThat(member.gate().tryAcquire()).isTrue();
	}

	@Test
	void releasedProbeCanBeTakenAgain() {
		PoolMember member = member();
		member.circuitBreaker().transitionToOpenState();
		member.circuitBreaker().transitionToHalfOpenState();
		assertThat(member.gate().tryAcquire()).isTrue();
		assertThat(member.gate().tryAcquire()).isFalse();
		member.gate().released();
		assertThat(member.gate().tryAcquire()).isTrue();
	}

	@Test
	void requestAndCancelledFailuresNeverCountAgainstTheMember() {
		PoolMember member = member();
		for (int i = 0; i < 20; i++) {
			assertThat(member.gate().tryAcquire()).isTrue();
			member.gate().failed(Failure.of((i % 2 == 0) ? FailureKind.REQUEST : FailureKind.CANCELLED),
					new IllegalArgumentException("bad"), 1);
		}
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		assertThat(member.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(member.failedCalls()).as("request errors are failed calls, cancellations are not")
			.isEqualTo(10);
	}

	@Test
	void quarantineKeepsTheMemberOutUntilItEndsOrIsReset() {
		PoolMember member = member();
		member.quarantine(Duration.ofMinutes(10));
		assertThat(member.state()).isEqualTo(MemberState.QUARANTINED);
		assertThat(member.gate().tryAcquire()).isFalse();
		assertThat(member.notPermittedCalls()).isEqualTo(1);
		this.time.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
		member.quarantine(null);
		this.time.advance(Duration.ofDays(365));
		assertThat(member.state()).isEqualTo(MemberState.QUARANTINED);
		member.reset();
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
	}

	@Test
	void isolateForcesTheBreakerOpenAndResetClosesIt() {
		PoolMember member = member();
		member.isolate();
		assertThat(member.state()).isEqualTo(MemberState.FORCED_OPEN);
		assertThat(member.isAvailable()).isFalse();
		member.reset();
		assertThat(member.state()).isEqualTo(MemberState.CLOSED);
	}

	@Test
	void lastFailureIsRecordedWithoutSecrets() {
		PoolMember member = member();
		assertThat(member.gate().tryAcquire()).isTrue();
		member.gate().failed(new Failure(FailureKind.PERMANENT, 401, null),
				new IllegalStateException("HTTP 401 - Incorrect API key provided: sk-live-abcdef123456"), 1);
		assertThat(member.lastFailure().kind()).isEqualTo(FailureKind.PERMANENT);
		assertThat(member.lastFailure().at()).isEqualTo(this.time.instant());
		assertThat(member.lastFailure().message()).startsWith("PERMANENT (HTTP 401)").doesNotContain("abcdef123456");
	}

	private PoolMember member() {
		return new PoolMember(new RouteMember("a", 1, MemberRole.MEMBER), "aChatModel",
				(prompt) -> new ChatResponse(List.of(new Generation(new AssistantMessage("hello")))), null, breaker("a"), this.time);
	}

	private CircuitBreaker breaker(String id) {
		return CircuitBreaker.of("pool-" + id, CircuitBreakerConfig.from(MemberCircuitBreakers.POOL_DEFAULTS)
			.clock(this.time)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build());
	}

	private static void fail(PoolMember member, FailureKind kind) {
		assertThat(member.gate().tryAcquire()).isTrue();
		member.gate().failed(Failure.of(kind), new IllegalStateException(kind.name()), 1);
	}

}
