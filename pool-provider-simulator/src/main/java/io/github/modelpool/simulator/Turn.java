package io.github.modelpool.simulator;

/**
 * One message of a request's conversation.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param text its text
 */
public record Turn(String role, String text) {
}
