package io.github.modelpool.demo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.github.modelpool.failure.FailureClassifier;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.pool.ModelPoolException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Flux;

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

@RestController
class ChatController {

	private final ChatClient chatClient;

	private final FailureClassifier classifier;

	ChatController(ChatClient.Builder builder, ChatMemory chatMemory, FailureClassifier classifier) {
		this.chatClient = builder.defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build()).build();
		this.classifier = classifier;
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

	/**
	 * The answer as server-sent events: {@code chunk}s, then {@code done}, or an
	 * {@code error} event that says what failed and whether the answer is incomplete.
	 */
	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Map<String, String>>> stream(@RequestParam String conversationId,
			@RequestParam String message) {
		AtomicReference<String> servedBy = new AtomicReference<>();
		return this.chatClient.prompt()
			.user(message)
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversationId))
			.stream()
			.chatResponse()
			.filter((response) -> response.getResult() != null
					&& StringUtils.hasLength(response.getResult().getOutput().getText()))
			.map((response) -> {
				servedBy.set(memberOf(response));
				return ServerSentEvent.<Map<String, String>>builder()
					.event("chunk")
					.data(Map.of("member", memberOf(response), "text", response.getResult().getOutput().getText()))
					.build();
			})
			.concatWith(Flux.just(ServerSentEvent.<Map<String, String>>builder().event("done").data(Map.of()).build()))
			.onErrorResume((error) -> Flux.just(errorEvent(error, servedBy.get())));
	}

	private ServerSentEvent<Map<String, String>> errorEvent(Throwable error, String member) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("kind", (error instanceof ModelPoolException) ? "pool"
				: this.classifier.classify(error).kind().name().toLowerCase(Locale.ROOT));
		data.put("member", Objects.requireNonNullElse(member, ""));
		data.put("incomplete", String.valueOf(member != null));
		data.put("message", ((member != null) ? "The answer is incomplete: the stream from " + member + " failed. "
				: "No answer: ") + SecretRedactor.redact(error.getMessage()));
		return ServerSentEvent.<Map<String, String>>builder().event("error").data(data).build();
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
