package io.github.modelpool.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.modelpool.provider.DeclaredEmbeddingModelProperties;
import io.github.modelpool.provider.DeclaredModelProperties;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Turns what the binder reports about {@code model-pool.*} into errors that name the
 * property and say what to write instead: the closest valid name for an unknown key,
 * the allowed values, written the way users write them, for a bad enum value.
 */
final class ConfigurationErrors {

	/** Every property name of the model pool configuration, at any depth. */
	private static final Set<String> KNOWN_NAMES = knownNames(ModelPoolProperties.class, ModelPoolProperties.Pool.class,
			ModelPoolProperties.Member.class, ModelPoolProperties.Routing.class, ModelPoolProperties.Switch.class,
			ModelPoolProperties.Retry.class, ModelPoolProperties.Timeouts.class, ModelPoolProperties.MemberTimeouts.class,
			ModelPoolProperties.EmbeddingPool.class, ModelPoolProperties.EmbeddingMember.class,
			DeclaredEmbeddingModelProperties.class, DeclaredModelProperties.Options.class);

	/** The maps whose keys are ids, not property names. */
	private static final Set<String> ID_MAPS = Set.of("pools", "models", "embedding-pools", "embedding-models");

	private ConfigurationErrors() {
	}

	/**
	 * The error to report for a failed binding of {@code model-pool.*}.
	 * @param ex the binder's exception
	 * @return an error naming the property, or the binder's own exception when it is not
	 * about a name or a value
	 */
	static RuntimeException of(BindException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnboundConfigurationPropertiesException unbound) {
				ConfigurationProperty first = unbound.getUnboundProperties().iterator().next();
				String name = first.getName().toString();
				// The value of a mistyped key may be a credential: it is never shown.
				return new InvalidModelPoolConfigurationException(name, "***", unknownReason(name), ex);
			}
			if (cause instanceof ConversionFailedException conversion && ex.getProperty() != null
					&& conversion.getTargetType().getType().isEnum()) {
				return new InvalidModelPoolConfigurationException(ex.getProperty().getName().toString(),
						ex.getProperty().getValue(),
						"must be one of " + allowedValues(conversion.getTargetType().getType()), ex);
			}
		}
		return ex;
	}

	/**
	 * Why a key is unknown: its first name that is neither a property nor a pool or model
	 * id, with the closest valid name; or, when each name is a property somewhere, the
	 * name that is none where it stands (such as a chat pool's key on an embedding pool).
	 */
	static String unknownReason(String property) {
		String[] segments = property.substring(ModelPoolProperties.PREFIX.length() + 1).split("\\.");
		for (int i = 0; i < segments.length; i++) {
			boolean isId = i > 0 && ID_MAPS.contains(segments[i - 1]);
			String name = segments[i].replaceAll("\\[\\d+\\]$", "");
			if (!isId && !KNOWN_NAMES.contains(name)) {
				String closest = closest(name);
				return "unknown property '" + name + "'" + ((closest != null) ? "; did you mean " + closest + "?" : "");
			}
		}
		String last = segments[segments.length - 1].replaceAll("\\[\\d+\\]$", "");
		return "'" + last + "' is not a property here"
				+ (property.contains(".embedding-pools.") ? " (embedding pools take no session or stream settings)"
						: "");
	}

	static String closest(String name) {
		return KNOWN_NAMES.stream()
			.filter((known) -> distance(known, name) <= Math.max(2, name.length() / 4))
			.min(Comparator.comparingInt((String known) -> distance(known, name)).thenComparing(known -> known))
			.orElse(null);
	}

	/**
	 * An enum's constants as users write them: {@code ROUND_ROBIN} as {@code round-robin}.
	 */
	static String allowedValues(Class<?> enumType) {
		return Arrays.stream(enumType.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.collect(Collectors.joining(", "));
	}

	private static Set<String> knownNames(Class<?>... types) {
		Set<String> names = new TreeSet<>();
		for (Class<?> type : types) {
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				if (!"class".equals(descriptor.getName())) {
					names.add(kebab(descriptor.getName()));
				}
			}
		}
		return names;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
