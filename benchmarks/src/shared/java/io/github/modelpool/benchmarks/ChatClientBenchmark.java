package io.github.modelpool.benchmarks;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.modelpool.context.ModelPoolRoutingAdvisor;
import io.github.modelpool.pool.ModelPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * What a pool adds to a {@code ChatClient} call, the way applications call it: the same
 * {@code ChatClient} call with a conversation id, once straight to a member that answers
 * from memory ({@link #direct}) and once through a pool of three such members with the
 * routing advisor ({@link #pooled}). The difference between the two, in the same run, is
 * the pool's cost; run with {@code -prof gc} for the bytes it allocates per call. The
 * members report tool-calling default options, as provider models do.
 * Conversation ids are 36 characters, as UUIDs are; {@code max-sessions} holds them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChatClientBenchmark {

	private static final ChatResponse ANSWER = new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));

	@Param({ "10000", "1000000" })
	public int conversations;

	private ModelPool pool;

	private ChatClient directClient;

	private ChatClient pooledClient;

	private ChatClient directWithAdvisorClient;

	private String[] ids;

	private int next;

	@Setup
	public void setUp() {
		ChatModel member = new InMemoryMember();
		this.pool = InMemoryPools.threeMembers("bench", member, this.conversations);
		this.directClient = ChatClient.builder(member).build();
		this.pooledClient = ChatClient.builder(this.pool).defaultAdvisors(new ModelPoolRoutingAdvisor()).build();
		this.directWithAdvisorClient = ChatClient.builder(member).defaultAdvisors(new PassingAdvisor()).build();
		this.ids = new String[this.conversations];
		for (int i = 0; i < this.ids.length; i++) {
			this.ids[i] = UUID.nameUUIDFromBytes(("conversation-" + i).getBytes()).toString();
		}
		// Every conversation has its session before measuring: the steady state of a busy pool.
		for (String id : this.ids) {
			call(this.pooledClient, id);
		}
	}

	@TearDown
	public void tearDown() {
		this.pool.stop();
	}

	@Benchmark
	public ChatResponse direct() {
		return call(this.directClient, nextId());
	}

	/**
	 * What {@code ChatClient} spends on one advisor shaped as the routing advisor, the
	 * routing advisor's share of {@link #pooled} that no pool can save.
	 */
	@Benchmark
	public ChatResponse directWithAdvisor() {
		return call(this.directWithAdvisorClient, nextId());
	}

	@Benchmark
	public ChatResponse pooled() {
		return call(this.pooledClient, nextId());
	}

	private String nextId() {
		int index = this.next + 1;
		this.next = (index == this.ids.length) ? 0 : index;
		return this.ids[this.next];
	}

	/**
	 * A member answering from memory whose default options are tool-calling options, as
	 * every provider model's are, so {@code ChatClient} prepares a direct call the way it
	 * prepares a pooled one.
	 */
	@SuppressWarnings({ "deprecation", "removal" }) // getDefaultOptions() on Spring AI 2.0
	static final class InMemoryMember implements ChatModel {

		private static final ChatOptions OPTIONS = ToolCallingChatOptions.builder().build();

		@Override
		public ChatResponse call(Prompt prompt) {
			return ANSWER;
		}

		// Spring AI 1.1 asks for these.
		public ChatOptions getDefaultOptions() {
			return OPTIONS;
		}

		// Spring AI 2.0 asks for these.
		public ChatOptions getOptions() {
			return OPTIONS;
		}

	}

	/**
	 * An advisor that only passes the call or stream on, shaped as the routing advisor is
	 * (a call and a stream advisor, in the same order), so {@code ChatClient} spends on
	 * it what it spends on the routing advisor.
	 */
	static final class PassingAdvisor implements CallAdvisor, StreamAdvisor {

		@Override
		public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
			return chain.nextCall(request);
		}

		@Override
		public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
			return chain.nextStream(request);
		}

		@Override
		public String getName() {
			return "passing";
		}

		@Override
		public int getOrder() {
			return ModelPoolRoutingAdvisor.DEFAULT_ORDER;
		}

	}

	private static ChatResponse call(ChatClient client, String conversation) {
		return client.prompt()
			.user("hello")
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
			.call()
			.chatResponse();
	}

}
