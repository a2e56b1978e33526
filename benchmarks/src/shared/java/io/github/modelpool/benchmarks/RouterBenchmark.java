package io.github.modelpool.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.modelpool.routing.HomeStrategy;
import io.github.modelpool.routing.MemberRole;
import io.github.modelpool.routing.RouteMember;
import io.github.modelpool.routing.Router;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of choosing a home and a failover target by weighted rendezvous hashing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

	@Param({ "3", "10" })
	public int members;

	private Router router;

	private String[] keys;

	private int next;

	@Setup
	public void setUp() {
		List<RouteMember> routeMembers = new ArrayList<>();
		for (int i = 0; i < this.members; i++) {
			routeMembers.add(new RouteMember("member-" + i, 1 + (i % 3), MemberRole.MEMBER));
		}
		this.router = new Router(routeMembers, HomeStrategy.DETERMINISTIC);
		this.keys = new String[1024];
		for (int i = 0; i < this.keys.length; i++) {
			this.keys[i] = "conversation-" + i;
		}
	}

	@Benchmark
	public int deterministicHome() {
		return this.router.home(this.keys[this.next++ & 1023], 0, (member) -> true);
	}

	@Benchmark
	public int failover() {
		return this.router.failover(this.keys[this.next++ & 1023], (member) -> member != 0).orElseThrow();
	}

}
