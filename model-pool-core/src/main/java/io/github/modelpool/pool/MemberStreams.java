package io.github.modelpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.modelpool.budget.LimitReading;
import io.github.modelpool.failure.EmptyAnswerException;
import io.github.modelpool.failure.FailureKind;
import io.github.modelpool.failure.MemberTimeoutException;
import io.github.modelpool.failure.TimeoutKind;
import io.github.modelpool.failure.TruncatedStreamException;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.member.TokenCounts;
import io.github.modelpool.routing.TimeoutPolicy;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Streamed member tries under the pool's time limits. Before the first element a
 * failure may retry or move the stream like a blocking call; after it, the answer is
 * continued by a member that accepts prefill when there is one, else the error that
 * broke it reaches the subscriber. A stream that completes without a finish reason is
 * truncated, never a whole answer.
 */
final class MemberStreams {

	private final String poolId;

	private final Dispatcher dispatcher;

	private final boolean storeMayBlock;

	/**
	 * @param storeMayBlock whether ending a try may block (the state store may block), so
	 * member streams' signals are handled on threads that may block, never on the event
	 * loop a provider's client or a timer signals on
	 */
	MemberStreams(String poolId, Dispatcher dispatcher, boolean storeMayBlock) {
		this.poolId = poolId;
		this.dispatcher = dispatcher;
		this.storeMayBlock = storeMayBlock;
	}

	/**
	 * The pool's stream, starting at an admitted try.
	 * @param first the first try
	 * @param prompt the prompt given to the pool
	 * @param observed the stream's observation, told each member that starts serving it
	 * and the tokens of each member's finished answer
	 * @return the stream
	 */
	Flux<ChatResponse> stream(Admission first, Prompt prompt, ModelPoolObservationContext observed) {
		return streamFrom(first, prompt, prompt, new StreamProgress(), observed);
	}

	/**
	 * The stream from an admission: at once from an admitted try, else after the wait a
	 * rate budget asked for, asking again.
	 */
	private Flux<ChatResponse> streamFrom(Admission admission, Prompt prompt, Prompt sent, StreamProgress progress,
			ModelPoolObservationContext observed) {
		if (admission instanceof NextTry wait) {
			return Mono.delay(wait.delay())
				.thenMany(Flux.defer(() -> streamFrom(this.dispatcher.resume(wait), prompt, sent, progress, observed)));
		}
		return streamFrom((MemberTry) admission, prompt, sent, progress, observed);
	}

	private Flux<ChatResponse> streamFrom(MemberTry memberTry, Prompt prompt, Prompt sent, StreamProgress progress,
			ModelPoolObservationContext observed) {
		PoolMember member = memberTry.member();
		observed.setMember(member.id());
		AtomicBoolean finished = new AtomicBoolean();
		// Providers report usage once, in the last chunks, counting the whole answer.
		AtomicReference<TokenCounts> tokens = new AtomicReference<>(TokenCounts.NONE);
		AtomicReference<LimitReading> limits = new AtomicReference<>(LimitReading.NONE);
		Flux<ChatResponse> answer = Flux.defer(() -> memberStream(member, memberTry.attempt(), sent))
			.cancelOn(Schedulers.boundedElastic());
		Flux<ChatResponse> signals = limited(answer, memberTry);
		if (this.storeMayBlock) {
			signals = signals.publishOn(Schedulers.boundedElastic());
		}
		return signals
			.switchIfEmpty(Flux.defer(() -> Flux.error(new EmptyAnswerException(this.poolId, member.id()))))
			.doOnNext((response) -> {
				if (Answers.hasFinishReason(response)) {
					finished.set(true);
				}
				TokenCounts counted = AnswerTokens.of(response);
				if (!counted.isEmpty()) {
					tokens.set(counted);
				}
				LimitReading read = AnswerLimits.of(response);
				if (!read.isEmpty()) {
					limits.set(read);
				}
				progress.emitted(member.id(), response);
			})
			.concatWith(Flux.defer(() -> finished.get() ? Flux.empty()
					: Flux.error(new TruncatedStreamException(this.poolId, member.id()))))
			.doOnComplete(() -> {
				this.dispatcher.succeeded(memberTry, tokens.get(), limits.get());
				observed.setTokens(tokens.get());
			})
			.doOnCancel(() -> this.dispatcher.cancelled(memberTry))
			.map((response) -> Answers.servedBy(response, memberTry, progress.members()))
			.onErrorResume((error) -> recover(memberTry, error, prompt, progress, observed));
	}

	private Flux<ChatResponse> recover(MemberTry memberTry, Throwable error, Prompt prompt, StreamProgress progress,
			ModelPoolObservationContext observed) {
		if (error instanceof Error) {
			// Not the provider's failure: the try ends without blame, the error goes on as it is.
			this.dispatcher.cancelled(memberTry);
			return Flux.error(error);
		}
		boolean emitted = progress.hasEmitted();
		AfterFailure after = this.dispatcher.failed(memberTry, error, !emitted);
		if (after.next() != null) {
			NextTry next = after.next();
			Flux<ChatResponse> again = Flux.defer(() -> streamFrom(this.dispatcher.resume(next), prompt, prompt,
					progress, observed));
			return next.delay().isZero() ? again : Mono.delay(next.delay()).thenMany(again);
		}
		if (!emitted) {
			return Flux.error(after.error());
		}
		boolean continuing = progress.isContinuing();
		RuntimeException broke = progress.breakError(after.error());
		boolean mayContinue = continuing ? after.failure().kind() != FailureKind.CANCELLED
				: after.failure().kind().countsAgainstMember();
		if (!mayContinue || progress.hasToolCalls()) {
			return Flux.error(broke);
		}
		return this.dispatcher.continuation(memberTry.attempt(), memberTry.index())
			.map((next) -> streamFrom(next, prompt, continuationOf(prompt, progress.text()), progress, observed))
			.orElseGet(() -> Flux.error(broke));
	}

	/**
	 * The prompt with the text emitted so far as a trailing assistant message.
	 */
	private static Prompt continuationOf(Prompt prompt, String emitted) {
		List<Message> messages = new ArrayList<>(prompt.getInstructions());
		messages.add(new AssistantMessage(emitted));
		return new Prompt(messages, prompt.getOptions());
	}

	/**
	 * The member's stream under the first-token, idle and call limits; a limit that runs
	 * out cancels the member's request.
	 */
	private Flux<ChatResponse> limited(Flux<ChatResponse> stream, MemberTry memberTry) {
		PoolMember member = memberTry.member();
		TimeoutPolicy limits = this.dispatcher.timeouts().overriddenBy(member.timeouts());
		long remaining = this.dispatcher.remainingNanos(memberTry.attempt());
		if (limits.firstToken() == null && limits.idle() == null && remaining == Long.MAX_VALUE) {
			return stream;
		}
		AtomicReference<MemberTimeoutException> pending = new AtomicReference<>();
		return stream.timeout(timer(TimeoutKind.FIRST_TOKEN, limits, memberTry, pending),
				(item) -> timer(TimeoutKind.IDLE, limits, memberTry, pending),
				Flux.defer(() -> Flux.error(pending.get())));
	}

	/**
	 * The timer of the limit that runs out first, the call's deadline or the given one;
	 * the exception it will end the try with is prepared with it, since only the latest
	 * timer can fire.
	 */
	private Mono<Long> timer(TimeoutKind kind, TimeoutPolicy limits, MemberTry memberTry,
			AtomicReference<MemberTimeoutException> pending) {
		Duration limit = (kind == TimeoutKind.FIRST_TOKEN) ? limits.firstToken() : limits.idle();
		long remaining = this.dispatcher.remainingNanos(memberTry.attempt());
		long limitNanos = (limit != null) ? limit.toNanos() : Long.MAX_VALUE;
		if (limitNanos == Long.MAX_VALUE && remaining == Long.MAX_VALUE) {
			return Mono.never();
		}
		boolean deadlineFirst = remaining < limitNanos;
		pending.set(new MemberTimeoutException(this.poolId, memberTry.member().id(),
				deadlineFirst ? TimeoutKind.CALL : kind, deadlineFirst ? limits.call() : limit));
		return Mono.delay(Duration.ofNanos(Math.min(limitNanos, remaining)));
	}

	/**
	 * The member's stream; whatever its assembly throws, {@code Error}s included, becomes
	 * the stream's error so the member try ends exactly once. Some clients (the providers'
	 * SDKs on Spring AI 2.0) block the subscribing thread until the provider answers, and
	 * the cancelling thread until a stalled read ends: both happen on
	 * {@code boundedElastic}, off the pool's timers, so time limits always fire.
	 */
	private static Flux<ChatResponse> memberStream(PoolMember member, Attempt attempt, Prompt prompt) {
		try {
			Flux<ChatResponse> stream = member.chatModel().stream(MemberCalls.adapt(member, attempt, prompt));
			return (stream != null) ? stream.subscribeOn(Schedulers.boundedElastic()) : Flux.empty();
		}
		catch (Throwable ex) {
			return Flux.error(ex);
		}
	}

}
