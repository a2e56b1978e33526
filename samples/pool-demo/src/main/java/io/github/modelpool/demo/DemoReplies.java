package io.github.modelpool.demo;

import java.util.List;

import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.simulator.ReplyWriter;
import io.github.modelpool.simulator.SimulatedMember;

/**
 * Plausible answers for the simulated providers: they say which member and model
 * answered, and vary with the question.
 */
final class DemoReplies implements ReplyWriter {

	private static final List<String> ANSWERS = List.of(
			"Sticky routing keeps this conversation on one member, so the provider's prompt cache stays warm.",
			"If this member hits its rate limit, the pool moves the conversation to another member within the same call.",
			"A permanently broken member, such as one with a revoked key, is quarantined for every conversation.",
			"Transient errors reach you unchanged; they count toward the member's circuit breaker instead.",
			"Streams switch members only before the first chunk, so two models' answers are never spliced.",
			"Operators can isolate a member for maintenance and reset it afterwards from /actuator/modelpools.");

	@Override
	public String reply(SimulatedMember member, RecordedRequest request) {
		String question = request.lastUserText().strip();
		String answer = ANSWERS.get(Math.floorMod(question.hashCode(), ANSWERS.size()));
		String model = (request.model() != null) ? request.model() : "default model";
		return "[" + member.id() + "] " + model + " here. You asked: \"" + shorten(question) + "\". " + answer;
	}

	private static String shorten(String text) {
		return (text.length() > 80) ? text.substring(0, 77) + "..." : text;
	}

}
