package io.github.modelpool.context;


import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.core.Ordered;

/**
 * Carries a {@code ChatClient} call's routing keys to the pool: the conversation id
 * from the {@link ChatMemory#CONVERSATION_ID} advisor param and a fresh run id per call.
 * Blocking calls see them on the calling thread, streams in the Reactor context.
 * <p>
 * It runs first in the chain, so one run id covers every round an inner advisor (such
 * as a tool-calling loop) makes.
 */
public class ModelPoolRoutingAdvisor implements CallAdvisor, StreamAdvisor {

	/** Default order: ahead of the chat-memory advisors and every other default one. */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final int order;

	public ModelPoolRoutingAdvisor() {
		this(DEFAULT_ORDER);
	}

	public ModelPoolRoutingAdvisor(int order) {
		this.order = order;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		// ModelPoolContext.with without the capturing lambda: this runs on every call.
		Object[] slot = ModelPoolContext.slot();
		Object previous = ModelPoolContext.enter(slot, keysOf(request));
		try {
			return chain.nextCall(request);
		}
		finally {
			ModelPoolContext.leave(slot, previous);
		}
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return chain.nextStream(request).contextWrite(ModelPoolContext.keys(keysOf(request)));
	}

	private static RoutingKeys keysOf(ChatClientRequest request) {
		Object conversationId = request.context().get(ChatMemory.CONVERSATION_ID);
		return RoutingKeys.newRun((conversationId != null) ? conversationId.toString() : null);
	}

	@Override
	public String getName() {
		return "modelPoolRouting";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
