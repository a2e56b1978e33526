package io.github.modelpool.demo;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.modelpool.simulator.RecordedRequest;
import io.github.modelpool.simulator.ReplyWriter;
import io.github.modelpool.simulator.SimulatedMember;

/**
 * Plausible answers for the simulated providers: they say which member and model
 * answered, and vary with the question. Asked to continue a broken answer (a trailing
 * assistant message), a member continues that answer, as a real model would.
 */
final class DemoReplies implements ReplyWriter {

	private static final Pattern HEADER = Pattern.compile("^\\[([^\\]]+)\\] (\\S+) here\\.");

	private static final List<String> ANSWERS = List.of(
			"Sticky routing keeps this conversation on one member, so the provider's prompt cache stays warm.",
			"If this member hits its rate limit, the pool moves the conversation to another member within the same call.",
			"A permanently broken member, such as one with a revoked key, is quarantined for every conversation.",
			"A server error or a reset is retried on the same member after a short backoff, then the call fails over.",
			"A stream that breaks mid-answer is finished by a member that accepts prefill, in the same stream.",
			"Operators can isolate a member for maintenance and reset it afterwards from /actuator/modelpools.");

	@Override
	public String reply(SimulatedMember member, RecordedRequest request) {
		String question = request.lastUserText().strip();
		String prefill = request.trailingAssistantText();
		Matcher header = (prefill != null) ? HEADER.matcher(prefill) : null;
		if (header != null && header.find()) {
			String broken = reply(header.group(1), header.group(2), question);
			if (broken.startsWith(prefill)) {
				return broken;
			}
		}
		return reply(member.id(), (request.model() != null) ? request.model() : "default model", question);
	}

	private static String reply(String member, String model, String question) {
		String answer = ANSWERS.get(Math.floorMod(question.hashCode(), ANSWERS.size()));
		return "[" + member + "] " + model + " here. You asked: \"" + shorten(question) + "\". " + answer;
	}

	private static String shorten(String text) {
		return (text.length() > 80) ? text.substring(0, 77) + "..." : text;
	}

}
