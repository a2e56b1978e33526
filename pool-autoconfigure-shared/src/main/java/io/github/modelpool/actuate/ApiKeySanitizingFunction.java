package io.github.modelpool.actuate;

import java.util.Collection;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks API keys in {@code /actuator/env} and {@code /actuator/configprops}, even when
 * values are shown: every property whose name ends in {@code api-key} (any spelling) and
 * every property whose value is one of the declared models' keys, such as the
 * environment variable a key was read from.
 */
public class ApiKeySanitizingFunction implements SanitizingFunction {

	private final Set<String> secrets;

	/**
	 * Create the function.
	 * @param secrets secret values to mask wherever they appear as a value
	 */
	public ApiKeySanitizingFunction(Collection<String> secrets) {
		this.secrets = Set.copyOf(secrets);
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getLowerCaseKey().replace("_", "-").replace(".", "-");
		if (key.endsWith("api-key") || key.endsWith("apikey")) {
			return data.withSanitizedValue();
		}
		Object value = data.getValue();
		if (value != null && this.secrets.contains(value.toString().trim())) {
			return data.withSanitizedValue();
		}
		return data;
	}

}
