package io.github.modelpool.support;

import java.util.Collection;

import io.github.modelpool.simulator.ProviderSimulator;
import io.github.modelpool.simulator.SimulatedMember;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One provider simulator per test class: started when the class is loaded (so
 * {@code @DynamicPropertySource} methods can use its URLs), healed before each test,
 * stopped after the class.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final SimulatorExtension simulator = new SimulatorExtension();
 * </pre>
 */
public final class SimulatorExtension implements BeforeEachCallback, AfterAllCallback {

	private final ProviderSimulator simulator = ProviderSimulator.start();

	public ProviderSimulator get() {
		return this.simulator;
	}

	public SimulatedMember member(String id) {
		return this.simulator.member(id);
	}

	public Collection<SimulatedMember> members() {
		return this.simulator.members();
	}

	public String baseUrl(String member) {
		return this.simulator.baseUrl(member);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.simulator.reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.simulator.close();
	}

}
