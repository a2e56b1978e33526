package io.github.modelpool.demo;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.github.modelpool.pool.ModelPools;
import io.github.modelpool.simulator.Fault;
import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.simulator.SimulatedMember;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection for the dashboard: makes a simulated member answer like a provider in
 * trouble, or heals it.
 */
@RestController
@RequestMapping("/demo/faults")
@Profile("!real")
class FaultController {

	/** Faults the dashboard offers. */
	enum Kind {

		QUOTA("429 rate limited", Fault.status(429)),

		QUOTA_SHORT("429, retry after 5 s", Fault.status(429).withRetryAfter("5")),

		UNAUTHORIZED("401 bad key", Fault.status(401)),

		SERVER_ERROR("500 server error", Fault.status(500)),

		UNAVAILABLE("503 unavailable", Fault.status(503)),

		SLOW("3 s delay", Fault.delay(Duration.ofSeconds(3))),

		CUT("stream cut after 3 chunks", Fault.cutStreamAfter(3)),

		STALL("stream stalls after 3 chunks", Fault.stallAfter(3)),

		CONTEXT_LENGTH("400 context length exceeded", Fault.contextLengthExceeded()),

		REJECT_PREFILL("400 on continuing an answer", Fault.rejectPrefill());

		private final String label;

		private final Fault fault;

		Kind(String label, Fault fault) {
			this.label = label;
			this.fault = fault;
		}

	}

	private final ProviderSimulator simulator;

	private final ModelPools pools;

	FaultController(ProviderSimulator simulator, ModelPools pools) {
		this.simulator = simulator;
		this.pools = pools;
	}

	@GetMapping
	List<MemberFault> faults() {
		return this.simulator.members()
			.stream()
			.sorted(Comparator.comparing(SimulatedMember::id))
			.map((member) -> new MemberFault(member.id(), describe(member.standingFault()), member.requestCount()))
			.toList();
	}

	@GetMapping("/kinds")
	List<FaultKind> kinds() {
		return List.of(Kind.values()).stream().map((kind) -> new FaultKind(id(kind), kind.label)).toList();
	}

	@PutMapping("/{member}/{kind}")
	MemberFault inject(@PathVariable String member, @PathVariable String kind) {
		SimulatedMember simulated = knownMember(member);
		Kind chosen = List.of(Kind.values())
			.stream()
			.filter((candidate) -> id(candidate).equals(kind))
			.findFirst()
			.orElseThrow(() -> new DemoRequestException(HttpStatus.BAD_REQUEST, "Unknown fault '" + kind
					+ "'; faults: " + String.join(", ", List.of(Kind.values()).stream().map(FaultController::id).toList())));
		simulated.fail(chosen.fault);
		return new MemberFault(member, describe(simulated.standingFault()), simulated.requestCount());
	}

	@DeleteMapping("/{member}")
	MemberFault heal(@PathVariable String member) {
		SimulatedMember simulated = knownMember(member).healthy();
		return new MemberFault(member, describe(simulated.standingFault()), simulated.requestCount());
	}

	/**
	 * A member of the demo's pools: the simulator would create any other on demand.
	 */
	private SimulatedMember knownMember(String member) {
		Set<String> members = new TreeSet<>();
		this.pools.forEach((pool) -> pool.getMembers().forEach((poolMember) -> members.add(poolMember.id())));
		if (!members.contains(member)) {
			throw new DemoRequestException(HttpStatus.NOT_FOUND,
					"No member '" + member + "'; members: " + String.join(", ", members));
		}
		return this.simulator.member(member);
	}

	@ExceptionHandler(DemoRequestException.class)
	ResponseEntity<ProblemDetail> badRequest(DemoRequestException ex) {
		return ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage()));
	}

	private static String id(Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String describe(Fault fault) {
		for (Kind kind : Kind.values()) {
			if (kind.fault.equals(fault)) {
				return kind.label;
			}
		}
		return Fault.NONE.equals(fault) ? null : "custom fault";
	}

	record MemberFault(String member, String fault, int requests) {
	}

	/**
	 * A request the demo cannot carry out, with the status and detail to answer.
	 */
	static final class DemoRequestException extends RuntimeException {

		private final HttpStatus status;

		DemoRequestException(HttpStatus status, String detail) {
			super(detail);
			this.status = status;
		}

		HttpStatus status() {
			return this.status;
		}

	}

	record FaultKind(String id, String label) {
	}

}
