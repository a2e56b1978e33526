package io.github.modelpool.pool;

import java.util.List;
import java.util.concurrent.CompletionException;

import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import org.springframework.ai.chat.model.ChatModel;

/**
 * Spring AI 1.1's Bedrock Converse model (the AWS SDK's Bedrock runtime clients, Converse
 * and ConverseStream in the AWS event-stream framing over HTTP to the simulator) in a
 * pool. Bedrock names each failure in its error type ({@code ThrottlingException},
 * {@code AccessDeniedException}, {@code ValidationException}, ...) and never says how long
 * to wait; the SDK's own retries are off, as a pooled model's should be.
 */
class BedrockFailoverTests extends ProviderFailoverContract {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Override
	SimulatorExtension simulator() {
		return simulator;
	}

	@Override
	ChatModel model(ProviderSimulator simulator, String account) {
		return ProviderModels.bedrock(simulator, account, "anthropic.claude-3-5-haiku-20241022-v1:0");
	}

	@Override
	String accountPrefix() {
		return "bedrock";
	}

	@Override
	Fault badKey() {
		return Fault.status(403);
	}

	@Override
	Class<? extends Throwable> callersMistakeType() {
		return ValidationException.class;
	}

	/** The SDK's exception as it is, wrapped by the async client's future when streamed. */
	@Override
	List<Class<? extends Throwable>> rateLimitShape(Mode mode) {
		return (mode == Mode.CALL) ? List.of(ThrottlingException.class)
				: List.of(CompletionException.class, ThrottlingException.class);
	}

	@Override
	boolean saysHowLongToWait() {
		return false;
	}

}
