package io.github.modelpool.pool;

/**
 * What asking members to take a call gives: an admitted {@link MemberTry}, or a
 * {@link NextTry} to wait for (a member's rate budget frees within the pool's quota
 * Retry-After threshold) before the call asks again. An admitted try is its own answer,
 * so the usual call allocates nothing for it.
 */
sealed interface Admission permits MemberTry, NextTry {

}
