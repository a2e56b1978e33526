package io.github.modelpool.simulator;

/**
 * Writes the text a simulated member answers with.
 */
@FunctionalInterface
public interface ReplyWriter {

	/**
	 * Echoes the last user message, prefixed by the member id:
	 * {@code [gpt-a] You said: hello}; after a tool call, echoes the tool's result:
	 * {@code [gpt-a] Tool said: sunny}. Tests rely on its exact form.
	 */
	ReplyWriter ECHO = (member, request) -> {
		if (request.toolResult() != null) {
			return "[" + member.id() + "] Tool said: " + request.toolResult().strip();
		}
		String said = request.lastUserText().strip();
		if (said.length() > 120) {
			said = said.substring(0, 117) + "...";
		}
		return "[" + member.id() + "] You said: " + said;
	};

	/**
	 * The answer to a request.
	 * @param member member answering
	 * @param request the request
	 * @return the answer text
	 */
	String reply(SimulatedMember member, RecordedRequest request);

}
