package io.github.modelpool.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import io.github.modelpool.context.ModelPoolContext;
import io.github.modelpool.pool.ModelPool;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The heap a pool keeps per remembered session, beyond the conversation id's own string:
 * heap histograms after a full GC (the JVM's {@code GC.class_histogram}) before and
 * after one call in each of N conversations with 36-character ids, the ids held by the
 * benchmark throughout so their strings count in both. Prints the bytes per session and
 * the classes that grew.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.modelpool.benchmarks.SessionMemoryBenchmark 1000000
 * </pre>
 */
public final class SessionMemoryBenchmark {

	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

	private SessionMemoryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int sessions = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		ChatResponse answer = new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));
		ChatModel member = (prompt) -> answer;
		ModelPool pool = InMemoryPools.threeMembers("memory", member, sessions);
		String[] ids = new String[sessions];
		for (int i = 0; i < sessions; i++) {
			ids[i] = UUID.nameUUIDFromBytes(("conversation-" + i).getBytes()).toString();
		}
		Prompt prompt = new Prompt("hello");
		// Warm the call path so its classes load before the first histogram.
		ModelPoolContext.withConversation("warm-up", () -> pool.call(prompt));
		Map<String, long[]> before = histogram();
		for (String id : ids) {
			ModelPoolContext.withConversation(id, () -> pool.call(prompt));
		}
		Map<String, long[]> after = histogram();
		long total = total(after) - total(before);
		System.out.printf("sessions=%d remembered=%d retained=%d bytes, %.1f bytes per session%n", sessions,
				pool.snapshot().sessions(), total, (double) total / sessions);
		after.forEach((type, counts) -> {
			long[] was = before.getOrDefault(type, new long[2]);
			long grown = counts[1] - was[1];
			if (Math.abs(grown) > sessions / 10) {
				System.out.printf("  %-70s %+12d instances %+14d bytes%n", type, counts[0] - was[0], grown);
			}
		});
		pool.stop();
		Reference.reachabilityFence(ids);
	}

	private static long total(Map<String, long[]> histogram) {
		return histogram.values().stream().mapToLong((counts) -> counts[1]).sum();
	}

	/** The JVM's class histogram of live objects, taken after a full GC. */
	private static Map<String, long[]> histogram() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { null }, new String[] { String[].class.getName() });
		Map<String, long[]> rows = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				rows.merge(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) },
						(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
			}
		}
		return rows;
	}

}
