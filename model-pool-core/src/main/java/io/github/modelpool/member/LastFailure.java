package io.github.modelpool.member;

import java.time.Instant;

import io.github.modelpool.failure.FailureKind;

/**
 * The most recent failure of a member.
 *
 * @param kind what the failure meant
 * @param at when it happened
 * @param message short description, secrets removed
 */
public record LastFailure(FailureKind kind, Instant at, String message) {
}
