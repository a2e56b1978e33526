package io.github.modelpool.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.modelpool.actuate.ModelPoolMetrics;
import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.context.ModelPoolRoutingAdvisor;
import io.github.modelpool.member.MemberState;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.routing.SwitchPolicy;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.SimulatedMember;
import io.github.modelpool.support.PoolFixture;
import io.github.modelpool.support.SimulatedModels;
import io.github.modelpool.support.ProviderErrors;
import io.github.modelpool.support.SimulatorExtension;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A short storm: many threads make blocking, streamed and {@code ChatClient} calls over
 * thousands of conversations while provider faults toggle and operators reset and
 * isolate members. Nothing hangs, the pool raises only its documented exceptions (the
 * providers' own pass through unchanged), no answer mixes two members, the call meter
 * matches what the providers received, and the pool recovers completely once the faults
 * heal.
 */
class ModelPoolSoakTests {

	private static final int THREADS = 12;

	private static final int CALLS_PER_THREAD = 60;

	private static final Duration CALL_BOUND = Duration.ofSeconds(20);

	private static final List<Fault> FAULTS = List.of(Fault.status(429), Fault.status(429).withRetryAfter("1"),
			Fault.status(429).withRetryAfter("120"), Fault.status(500), Fault.status(503), Fault.status(401),
			Fault.delay(Duration.ofMillis(80)), Fault.cutStreamAfter(2), Fault.reset(), Fault.NONE, Fault.NONE);

	@RegisterExtension
	static final SimulatorExtension simulator = new SimulatorExtension();

	@Test
	void poolHoldsUpWhileFaultsToggleAndRecoversWhenTheyHeal() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		PoolFixture fixture = new PoolFixture(new SimulatedModels(simulator.get()), "soak")
			.breakers((config) -> config.clock(Clock.systemUTC())
				.waitDurationInOpenState(Duration.ofMillis(200))
				.automaticTransitionFromOpenToHalfOpenEnabled(true))
			.openAi("a")
			.openAi("b")
			.anthropic("c");
		ModelPool pool = fixture.build((builder) -> builder.listener(new ModelPoolMetrics(meters, ModelPools.of(List.of())))
			.switching(SwitchPolicy.builder()
					.quotaRetryAfterThreshold(Duration.ofSeconds(2))
					.quarantineDuration(Duration.ofSeconds(1))
					.build()));
		ChatClient chatClient = ChatClient.builder(pool).defaultAdvisors(new ModelPoolRoutingAdvisor()).build();
		AtomicBoolean storming = new AtomicBoolean(true);
		Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
		List<String> problems = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS + 2);
		try {
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				callers.add(executor.submit(() -> {
					for (int call = 0; call < CALLS_PER_THREAD; call++) {
						String outcome = oneCall(pool, chatClient, problems);
						outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet();
					}
				}));
			}
			Future<?> faults = executor.submit(() -> toggleFaults(storming));
			Future<?> operator = executor.submit(() -> operate(pool, storming));
			for (Future<?> caller : callers) {
				// Each call is bounded, so the callers are too.
				caller.get(CALLS_PER_THREAD * CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
			}
			storming.set(false);
			faults.get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
			operator.get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
		synchronized (problems) {
			assertThat(problems).isEmpty();
		}
		int calls = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
		assertThat(calls).as("calls made during the storm: %s", outcomes).isEqualTo(THREADS * CALLS_PER_THREAD);
		assertThat(outcomes).containsKey("answered");
		int requests = simulator.members().stream().mapToInt(SimulatedMember::requestCount).sum();
		int resets = simulator.members().stream().mapToInt(SimulatedMember::resetCount).sum();
		// An HTTP client may send a request whose connection was reset once more on its own
		// (Spring AI 2.0's OkHttp client for OpenAI does), inside one member try.
		assertThat(memberCalls(meters)).as("member calls recorded against requests received")
			.isBetween((long) requests - resets, (long) requests);

		simulator.members().forEach(SimulatedMember::healthy);
		// Past the quarantines and the longest Retry-After the storm's 429s asked for, which
		// held their accounts.
		fixture.time().advance(Duration.ofSeconds(121));
		pool.getMembers().stream()
			.filter((member) -> member.state() == MemberState.FORCED_OPEN)
			.forEach(PoolMember::reset);
		AtomicInteger healing = new AtomicInteger();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ModelPoolContext.withConversation("healing-" + healing.incrementAndGet(), () -> pool.call(new Prompt("hi")));
			assertThat(pool.getMembers()).allSatisfy((member) -> assertThat(member.state()).isEqualTo(MemberState.CLOSED));
		});
		for (int i = 0; i < 60; i++) {
			String conversation = "after-" + i;
			ChatResponse response = ModelPoolContext.withConversation(conversation, () -> pool.call(new Prompt("hi")));
			assertThat(response.getResult().getOutput().getText()).endsWith("You said: hi");
		}
	}

	private static String oneCall(ModelPool pool, ChatClient chatClient, List<String> problems) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String conversation = "c-" + random.nextInt(3000);
		long start = System.nanoTime();
		try {
			int kind = random.nextInt(10);
			if (kind < 4) {
				ChatResponse response = ModelPoolContext.withConversation(conversation,
						() -> pool.call(new Prompt("question " + conversation)));
				checkOneMember(List.of(response), problems);
			}
			else if (kind < 8) {
				List<ChatResponse> chunks = pool.stream(new Prompt("question " + conversation))
					.contextWrite(ModelPoolContext.conversation(conversation))
					.collectList()
					.block(CALL_BOUND);
				checkOneMember(chunks, problems);
			}
			else {
				ChatResponse response = chatClient.prompt()
					.user("question " + conversation)
					.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
					.call()
					.chatResponse();
				checkOneMember(List.of(response), problems);
			}
			return "answered";
		}
		catch (ModelPoolException ex) {
			return ex.getClass().getSimpleName();
		}
		catch (RuntimeException ex) {
			if (!ProviderErrors.isProviderError(ex) && raisedByThePool(ex)) {
				problem(problems, "undocumented exception: " + ex + " at " + List.of(ex.getStackTrace())
					.subList(0, Math.min(6, ex.getStackTrace().length)));
			}
			else if (!ProviderErrors.isProviderError(ex)) {
				// A provider client's own exception passes through unchanged, as documented.
				System.out.println("Provider client exception passed through: " + ex);
			}
			return "provider error";
		}
		finally {
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			if (took.compareTo(CALL_BOUND) > 0) {
				problem(problems, "a call took " + took);
			}
		}
	}

	/**
	 * Whether the pool itself raised an exception: its throw site is the pool's code.
	 */
	private static boolean raisedByThePool(Throwable error) {
		StackTraceElement[] trace = error.getStackTrace();
		return trace.length > 0 && trace[0].getClassName().startsWith("io.github.modelpool.")
				&& !trace[0].getClassName().startsWith("io.github.modelpool.simulator.");
	}

	private static void checkOneMember(List<ChatResponse> responses, List<String> problems) {
		String member = null;
		StringBuilder text = new StringBuilder();
		for (ChatResponse response : responses) {
			String servedBy = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
			if (member != null && !member.equals(servedBy)) {
				problem(problems, "one answer from " + member + " and " + servedBy);
			}
			member = servedBy;
			if (response.getResult() != null && response.getResult().getOutput().getText() != null) {
				text.append(response.getResult().getOutput().getText());
			}
		}
		if (member == null || !text.toString().startsWith("[" + member + "]")) {
			problem(problems, "answer '" + text + "' does not come from its serving member " + member);
		}
	}

	private static void toggleFaults(AtomicBoolean storming) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		List<SimulatedMember> members = List.of(simulator.member("a"), simulator.member("b"), simulator.member("c"));
		while (storming.get()) {
			members.get(random.nextInt(members.size())).fail(FAULTS.get(random.nextInt(FAULTS.size())));
			sleep(150);
		}
	}

	private static void operate(ModelPool pool, AtomicBoolean storming) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (storming.get()) {
			PoolMember member = pool.getMembers().get(random.nextInt(pool.getMembers().size()));
			if (random.nextBoolean()) {
				member.isolate();
			}
			else {
				member.reset();
			}
			sleep(400);
		}
	}

	private static long memberCalls(SimpleMeterRegistry meters) {
		return meters.find("model.pool.calls")
			.timers()
			.stream()
			.filter((timer) -> !"not_permitted".equals(timer.getId().getTag("outcome")))
			.mapToLong(Timer::count)
			.sum();
	}

	private static void problem(List<String> problems, String problem) {
		synchronized (problems) {
			if (problems.size() < 20) {
				problems.add(problem);
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
