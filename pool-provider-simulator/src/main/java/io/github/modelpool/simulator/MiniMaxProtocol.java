package io.github.modelpool.simulator;

/**
 * MiniMax's chat completions ({@code /v1/text/chatcompletion_v2}): OpenAI's bodies and
 * stream on MiniMax's path.
 */
class MiniMaxProtocol extends OpenAiProtocol {

	MiniMaxProtocol() {
		super("/v1/text/chatcompletion_v2");
	}

}
