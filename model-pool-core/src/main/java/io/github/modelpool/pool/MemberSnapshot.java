package io.github.modelpool.pool;

import java.time.Instant;

import io.github.modelpool.budget.BudgetSnapshot;
import io.github.modelpool.member.LastFailure;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.Continuation;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.HoldOrigin;

/**
 * A member as operators see it at one moment.
 *
 * @param id member id
 * @param type what kind of model the member serves
 * @param modelBean bean name of the member's model, chat or embedding
 * @param model model name used through the member, or {@code null} for its default
 * @param role what the member may be used for
 * @param weight relative share of homes
 * @param contextWindow declared context window in tokens, or {@code null}
 * @param continuation whether the member continues other members' broken streams
 * @param timeouts the member's effective time limits
 * @param state breaker state or quarantine
 * @param available whether sessions are offered this member now
 * @param circuitBreaker name of the member's circuit breaker
 * @param quarantinedUntil end of the quarantine, or {@code null}
 * @param halfOpenAt when the open breaker admits its half-open probe, or {@code null}
 * @param activeSessions sessions served by this member now
 * @param homeSessions sessions homed to this member
 * @param succeededCalls calls the member answered
 * @param failedCalls calls that failed at the member
 * @param notPermittedCalls calls the member's breaker or quarantine refused
 * @param lastFailure the most recent failure, or {@code null}
 * @param holdOrigin which instance placed the member's quarantine or isolation, or
 * {@code null} when it has none
 * @param heldBy id of that instance, or {@code null}
 * @param tokens tokens of the member's answers, as its provider counted them
 * @param inflight calls admitted at the member and not ended yet
 * @param budget the rate budget of the member's provider account
 */
public record MemberSnapshot(String id, ModelType type, String modelBean, String model, MemberRole role, int weight,
		Integer contextWindow, Continuation continuation, TimeoutPolicy timeouts, MemberState state,
		boolean available, String circuitBreaker, Instant quarantinedUntil, Instant halfOpenAt, int activeSessions,
		int homeSessions, long succeededCalls, long failedCalls, long notPermittedCalls, LastFailure lastFailure,
		HoldOrigin holdOrigin, String heldBy, TokenCounts tokens, int inflight, BudgetSnapshot budget) {

	static MemberSnapshot of(PoolMember member, TimeoutPolicy poolTimeouts, int activeSessions, int homeSessions,
			String thisInstance, long nowNanos) {
		MemberState state = member.state();
		String otherInstance = state.isHeld() ? member.heldBy() : null;
		HoldOrigin origin = !state.isHeld() ? null
				: (otherInstance != null) ? HoldOrigin.OTHER_INSTANCE : HoldOrigin.THIS_INSTANCE;
		return new MemberSnapshot(member.id(), member.type(), member.modelBeanName(), member.model(), member.role(),
				member.weight(), member.route().contextWindow(), member.route().continuation(),
				poolTimeouts.overriddenBy(member.timeouts()), state, state.isAvailable(),
				member.circuitBreaker().getName(),
				member.quarantinedUntil(), member.halfOpenAt(), activeSessions, homeSessions, member.succeededCalls(),
				member.failedCalls(), member.notPermittedCalls(), member.lastFailure(), origin,
				!state.isHeld() ? null : (otherInstance != null) ? otherInstance : thisInstance, member.tokens(),
				member.inflight(), member.budget().snapshot(nowNanos));
	}

}
