package io.github.modelpool.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.modelpool.actuate.ModelPoolsEndpoint.MemberDescriptor;
import io.github.modelpool.actuate.ModelPoolsEndpoint.PoolDescriptor;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RoutingPolicy;
import io.github.modelpool.routing.StickyScope;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.support.SimulatorExtension;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

class ModelPoolsEndpointTests {

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	private ModelPool pool;

	private ModelPoolsEndpoint endpoint;

	@BeforeEach
	void createPool() {
		this.pool = new PoolFixture(new SimulatedModels(simulator.get()), "assistant").openAi("gpt")
			.member("claude", 1, MemberRole.FAILOVER_ONLY, ProviderModels.anthropic(simulator.get(), "claude", "claude-x"),
					"claude-3-5-haiku-latest")
			.build((builder) -> builder
				.routing(new RoutingPolicy(HomeStrategy.FIRST_HEALTHY, StickyScope.THREAD, 500, Duration.ofMinutes(30),
						Duration.ofMinutes(10)))
				.switching(SwitchPolicy.builder()
						.quotaRetryAfterThreshold(Duration.ofSeconds(30))
						.maxSwitchesPerSession(3)
						.build()));
		this.endpoint = new ModelPoolsEndpoint(ModelPools.of(List.of(this.pool)), "assistant",
				MemberSourceDescriber.NONE);
	}

	@Test
	void poolShowsItsSettingsAndMembersInDeclarationOrder() {
		PoolDescriptor pool = this.endpoint.pool("assistant");
		assertThat(pool.id()).isEqualTo("assistant");
		assertThat(pool.primary()).isTrue();
		assertThat(pool.routing().home()).isEqualTo("first-healthy");
		assertThat(pool.routing().stickyScope()).isEqualTo("thread");
		assertThat(pool.routing().maxSessions()).isEqualTo(500);
		assertThat(pool.routing().sessionIdleTimeout()).isEqualTo("PT30M");
		assertThat(pool.routing().returnHomeAfter()).isEqualTo("PT10M");
		assertThat(pool.switching().quotaRetryAfterThreshold()).isEqualTo("PT30S");
		assertThat(pool.switching().maxSwitchesPerSession()).isEqualTo(3);
		assertThat(pool.switching().quarantineDuration()).isNull();
		assertThat(pool.members()).extracting(MemberDescriptor::id).containsExactly("gpt", "claude");
		MemberDescriptor claude = pool.members().get(1);
		assertThat(claude.role()).isEqualTo("failover-only");
		assertThat(claude.model()).isEqualTo("claude-3-5-haiku-latest");
		assertThat(claude.chatModel()).isEqualTo("claudeChatModel");
		assertThat(claude.circuitBreaker()).isEqualTo("assistant-claude");
		assertThat(claude.state()).isEqualTo("CLOSED");
		assertThat(claude.lastFailure()).isNull();
		assertThat(this.endpoint.pools().pools()).containsOnlyKeys("assistant");
	}

	@Test
	void unknownPoolReadsAsNullSoTheEndpointAnswers404() {
		assertThat(this.endpoint.pool("nope")).isNull();
		assertThat(this.endpoint.memberAction("nope", "gpt", "reset")).isNull();
		assertThat(this.endpoint.memberAction("assistant", "nope", "reset")).isNull();
	}

	@Test
	void unknownActionIsABadRequestNamingTheAllowedActions() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.memberAction("assistant", "gpt", "reboot"))
			.withMessageContaining("reset, isolate");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.memberAction("assistant", "gpt", null));
	}

	@Test
	void sessionsSwitchesCallsAndStatesFollowTraffic() {
		for (int i = 0; i < 4; i++) {
			call("thread-" + i);
		}
		simulator.member("gpt").failNext(Fault.status(429));
		call("thread-0");
		PoolDescriptor pool = this.endpoint.pool("assistant");
		assertThat(pool.sessions()).isEqualTo(4);
		assertThat(pool.switches()).isEqualTo(1);
		MemberDescriptor gpt = pool.members().get(0);
		assertThat(gpt.homeSessions()).isEqualTo(4);
		assertThat(gpt.activeSessions()).isEqualTo(3);
		assertThat(gpt.calls().succeeded()).isEqualTo(4);
		assertThat(gpt.calls().failed()).isEqualTo(1);
		assertThat(gpt.lastFailure().kind()).isEqualTo("QUOTA");
		assertThat(gpt.lastFailure().message()).startsWith("QUOTA (HTTP 429)");
		assertThat(pool.members().get(1).activeSessions()).isEqualTo(1);
	}

	@Test
	void permanentFailureShowsTheMemberQuarantinedAndResetLiftsIt() {
		simulator.member("gpt").failNext(Fault.status(401).withBody("{\"error\":\"Incorrect API key sk-live-1234567890\"}"));
		call("thread-p");
		MemberDescriptor gpt = this.endpoint.pool("assistant").members().get(0);
		assertThat(gpt.state()).isEqualTo("QUARANTINED");
		assertThat(gpt.available()).isFalse();
		assertThat(gpt.quarantinedUntil()).isEqualTo("until reset");
		assertThat(gpt.lastFailure().message()).doesNotContain("1234567890");
		MemberDescriptor reset = this.endpoint.memberAction("assistant", "gpt", "reset");
		assertThat(reset.state()).isEqualTo("CLOSED");
		assertThat(reset.available()).isTrue();
	}

	@Test
	void serverErrorBurstOpensTheBreaker() {
		simulator.member("gpt").fail(Fault.status(500));
		for (int i = 0; i < 5; i++) {
			assertThat(served(call("thread-t"))).as("every call rescued").isEqualTo("claude");
		}
		MemberDescriptor gpt = this.endpoint.pool("assistant").members().get(0);
		assertThat(gpt.state()).isEqualTo("OPEN");
		assertThat(gpt.lastFailure().kind()).isEqualTo("TRANSIENT");
		assertThat(gpt.calls().failed()).isEqualTo(5);
		assertThat(simulator.member("gpt").requestCount()).isEqualTo(5);
	}

	@Test
	void isolateDrainsTheMemberAndSessionsMoveAtTheirNextCall() {
		call("thread-i");
		MemberDescriptor isolated = this.endpoint.memberAction("assistant", "gpt", "isolate");
		assertThat(isolated.state()).isEqualTo("FORCED_OPEN");
		assertThat(served(call("thread-i"))).isEqualTo("claude");
		assertThat(this.endpoint.pool("assistant").members().get(1).activeSessions()).isEqualTo(1);
		this.endpoint.memberAction("assistant", "gpt", "reset");
		assertThat(served(call("thread-new"))).isEqualTo("gpt");
	}

	private ChatResponse call(String conversation) {
		return ModelPoolContext.withConversation(conversation, () -> this.pool.call(new Prompt("hi")));
	}

	private static String served(ChatResponse response) {
		return (String) response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
	}

}
