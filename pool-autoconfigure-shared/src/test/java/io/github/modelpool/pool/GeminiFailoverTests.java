package io.github.modelpool.pool;

import java.util.List;

import com.google.genai.errors.ClientException;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.support.ProviderModels;
import io.github.modelpool.support.SimulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.model.ChatModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's Google GenAI model on each line (Google's Gen AI SDK, the Gemini API over
 * HTTP to the simulator) in a pool. Gemini words its failures as Google APIs do: a bad key
 * is a 400 {@code INVALID_ARGUMENT} "API key not valid", a wait comes in the error body
 * (no {@code Retry-After} header), and 503 "overloaded" is quota.
 */
class GeminiFailoverTests extends ProviderFailoverContract {

	private static final String BAD_KEY = "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a "
			+ "valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
			+ "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}";

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Override
	SimulatorExtension simulator() {
		return simulator;
	}

	@Override
	ChatModel model(ProviderSimulator simulator, String account) {
		return ProviderModels.gemini(simulator, account, "gemini-2.0-flash");
	}

	@Override
	String accountPrefix() {
		return "gemini";
	}

	@Override
	Fault badKey() {
		return Fault.status(400).withBody(BAD_KEY);
	}

	@Override
	Class<? extends Throwable> callersMistakeType() {
		return ClientException.class;
	}

	/** Both lines' models wrap the SDK's exception, blocking and at stream open alike. */
	@Override
	List<Class<? extends Throwable>> rateLimitShape(Mode mode) {
		return List.of(RuntimeException.class, ClientException.class);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void anOverloadedModelIsTreatedAsQuota(Mode mode) {
		ModelPool pool = pool();
		simulator().member(a()).fail(Fault.status(503));
		assertThat(mode.answer(pool, "t")).isEqualTo(b());
		assertThat(simulator().member(a()).requestCount()).isEqualTo(1);
		assertThat(pool.snapshot().switches()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void unauthenticatedAndForbiddenArePermanent(Mode mode) {
		for (int status : new int[] { 401, 403 }) {
			ModelPool pool = pool();
			simulator().member(a()).fail(Fault.status(status));
			mode.answer(pool, "t");
			assertThat(pool.getMember("a").orElseThrow().state()).as("after %d", status)
				.isEqualTo(MemberState.QUARANTINED);
			simulator().get().reset();
		}
	}

}
