package io.github.modelpool.demo;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Flux;

import io.github.modelpool.pool.ModelPool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chat over the primary pool through Spring AI's {@link ChatClient}, with chat memory
 * keyed by the conversation id, which is also what pins the conversation to a member.
 */
@RestController
class ChatController {

	private final ChatClient chatClient;

	ChatController(ChatClient.Builder builder, ChatMemory chatMemory) {
		this.chatClient = builder.defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build()).build();
	}

	@PostMapping("/chat")
	ChatReply chat(@Valid @RequestBody ChatRequest request) {
		ChatResponse response = this.chatClient.prompt()
			.user(request.message())
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, request.conversationId()))
			.call()
			.chatResponse();
		return new ChatReply(request.conversationId(), memberOf(response), response.getResult().getOutput().getText());
	}

	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Map<String, String>>> stream(@RequestParam String conversationId,
			@RequestParam String message) {
		return this.chatClient.prompt()
			.user(message)
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversationId))
			.stream()
			.chatResponse()
			.filter((response) -> response.getResult() != null
					&& StringUtils.hasLength(response.getResult().getOutput().getText()))
			.map((response) -> ServerSentEvent.<Map<String, String>>builder()
				.event("chunk")
				.data(Map.of("member", memberOf(response), "text", response.getResult().getOutput().getText()))
				.build())
			.concatWith(Flux.just(ServerSentEvent.<Map<String, String>>builder().event("done").data(Map.of()).build()));
	}

	private static String memberOf(ChatResponse response) {
		Object member = response.getMetadata().get(ModelPool.MEMBER_METADATA_KEY);
		return (member != null) ? member.toString() : "";
	}

	record ChatRequest(@NotBlank String conversationId, @NotBlank String message) {
	}

	record ChatReply(String conversationId, String member, String text) {
	}

}
