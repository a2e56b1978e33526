package io.github.modelpool.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * What a pool adds to a {@code ChatClient} call, measured in pairs: the three calls of
 * {@link ChatClientBenchmark} ({@code direct}, {@code directWithAdvisor} and
 * {@code pooled}, on the same setup) take turns in blocks in one JVM, and each round's
 * differences are taken between blocks run seconds apart. A machine whose speed drifts
 * between runs and iterations (these do, by more than a microsecond) moves all three
 * blocks of a round alike, so the median difference holds still where separate runs do
 * not. Bytes are the calling thread's allocations per call.
 *
 * <pre>
 * java -cp benchmarks/boot4/target/benchmarks.jar io.github.modelpool.benchmarks.ChatClientPairedBenchmark 10000
 * </pre>
 * Arguments: conversations (10,000), measured rounds (60), calls per block (20,000).
 */
public final class ChatClientPairedBenchmark {

	private static final int WARM_UP_ROUNDS = 20;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private ChatClientPairedBenchmark() {
	}

	public static void main(String[] args) {
		int conversations = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		int calls = (args.length > 2) ? Integer.parseInt(args[2]) : 20_000;
		ChatClientBenchmark benchmark = new ChatClientBenchmark();
		benchmark.conversations = conversations;
		benchmark.setUp();
		try {
			Case[] cases = { new Case("direct", benchmark::direct),
					new Case("directWithAdvisor", benchmark::directWithAdvisor),
					new Case("pooled", benchmark::pooled) };
			double[][] nanos = new double[cases.length][rounds];
			double[][] bytes = new double[cases.length][rounds];
			for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
				// Each case goes first in turn, so no case always follows the same one.
				for (int turn = 0; turn < cases.length; turn++) {
					int index = Math.floorMod(round + turn, cases.length);
					Block block = cases[index].run(calls);
					if (round >= 0) {
						nanos[index][round] = block.nanosPerCall();
						bytes[index][round] = block.bytesPerCall();
					}
				}
			}
			System.out.printf(Locale.ROOT, "conversations=%d rounds=%d calls per block=%d (%s)%n", conversations,
					rounds, calls, Runtime.version());
			for (int i = 0; i < cases.length; i++) {
				System.out.printf(Locale.ROOT, "%-18s %s ns  %s B per call%n", cases[i].name(),
						Quartiles.of(nanos[i]), Quartiles.of(bytes[i]));
			}
			difference("pool adds (pooled - direct)", nanos[2], nanos[0], bytes[2], bytes[0]);
			difference("any such advisor (directWithAdvisor - direct)", nanos[1], nanos[0], bytes[1], bytes[0]);
			difference("the pool itself (pooled - directWithAdvisor)", nanos[2], nanos[1], bytes[2], bytes[1]);
		}
		finally {
			benchmark.tearDown();
		}
	}

	private static void difference(String label, double[] nanos, double[] baseNanos, double[] bytes,
			double[] baseBytes) {
		double[] time = new double[nanos.length];
		double[] memory = new double[nanos.length];
		for (int round = 0; round < nanos.length; round++) {
			time[round] = nanos[round] - baseNanos[round];
			memory[round] = bytes[round] - baseBytes[round];
		}
		System.out.printf(Locale.ROOT, "%s: %s ns, %s B per call%n", label, Quartiles.of(time), Quartiles.of(memory));
	}

	/**
	 * One of the calls compared.
	 */
	private record Case(String name, Supplier<ChatResponse> call) {

		Block run(int calls) {
			long thread = Thread.currentThread().getId();
			long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
			long start = System.nanoTime();
			int answered = 0;
			for (int i = 0; i < calls; i++) {
				if (this.call.get() != null) {
					answered++;
				}
			}
			long elapsed = System.nanoTime() - start;
			long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
			if (answered != calls) {
				throw new IllegalStateException(this.name + " answered " + answered + " of " + calls + " calls");
			}
			return new Block((double) elapsed / calls, (double) allocated / calls);
		}

	}

	/**
	 * What one block of calls measured.
	 */
	private record Block(double nanosPerCall, double bytesPerCall) {
	}

	/**
	 * Median and interquartile range of a round's measurements.
	 */
	private record Quartiles(double lower, double median, double upper) {

		static Quartiles of(double[] values) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			return new Quartiles(at(sorted, 0.25), at(sorted, 0.5), at(sorted, 0.75));
		}

		private static double at(double[] sorted, double quantile) {
			double position = quantile * (sorted.length - 1);
			int below = (int) Math.floor(position);
			int above = (int) Math.ceil(position);
			return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.0f [%.0f..%.0f]", this.median, this.lower, this.upper);
		}

	}

}
