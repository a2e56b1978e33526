package io.github.modelpool.actuate;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image write the {@code modelpools} endpoint's answers as JSON: its
 * descriptors, and the member descriptor's accessors, which are not getters.
 */
public final class ModelPoolsEndpointRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		// The member descriptor's accessors are not getters: the types they answer are named too.
		this.bindings.registerReflectionHints(hints.reflection(), ModelPoolsEndpoint.ModelPoolsDescriptor.class,
				ModelPoolsEndpoint.PoolDescriptor.class, ModelPoolsEndpoint.MemberDescriptor.class,
				ModelPoolsEndpoint.TimeoutsDescriptor.class, ModelPoolsEndpoint.CallsDescriptor.class,
				ModelPoolsEndpoint.LastFailureDescriptor.class, ModelPoolsEndpoint.TokensDescriptor.class,
				ModelPoolsEndpoint.BudgetDescriptor.class);
		hints.reflection()
			.registerType(ModelPoolsEndpoint.MemberDescriptor.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
