package io.github.modelpool.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import io.github.modelpool.autoconfigure.ModelPoolProperties.Member;
import io.github.modelpool.autoconfigure.ModelPoolProperties.Pool;
import io.github.modelpool.failure.SecretRedactor;
import io.github.modelpool.member.MemberCircuitBreakers;
import io.github.modelpool.provider.DeclaredModelProperties;
import io.github.modelpool.provider.Provider;
import io.github.modelpool.routing.PolicyArgumentException;
import io.github.modelpool.routing.TimeoutPolicy;
import io.github.modelpool.state.StoreKind;

import org.springframework.util.ClassUtils;

/**
 * Checks the model pool properties on their own, before any bean exists: every problem
 * is reported with the full name of the property at fault, and never with a secret.
 */
final class PoolPropertiesValidator {

	static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

	private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

	static final int MAX_WEIGHT = 1000;

	static final String REACTIVE_REDIS_CONNECTION_FACTORY = "org.springframework.data.redis.connection.ReactiveRedisConnectionFactory";

	private PoolPropertiesValidator() {
	}

	static void validate(ModelPoolProperties properties, ClassLoader classLoader) {
		Map<String, Pool> pools = properties.getPools();
		validateUniqueIds(properties);
		properties.getModels().forEach((modelId, model) -> validateModel(modelId, model, classLoader));
		pools.forEach((poolId, pool) -> validatePool(poolId, pool, pools.keySet()));
		EmbeddingPoolsValidator.validate(properties, classLoader);
		validateBreakerNames(properties);
		AccountBudgets.checkAgreement(properties);
		String primary = properties.getPrimary();
		if (primary != null && !pools.containsKey(primary)) {
			throw new InvalidModelPoolConfigurationException(ModelPoolProperties.PREFIX + ".primary", primary,
					"no pool has this id; configured pools: " + pools.keySet());
		}
		validateStore(properties, classLoader);
		validateFailureRules(properties.getFailures().getRules(), classLoader);
		validateCallExecutor(properties.getCallExecutor());
	}

	private static void validateCallExecutor(ModelPoolProperties.CallExecutor callExecutor) {
		String prefix = ModelPoolProperties.PREFIX + ".call-executor";
		if (callExecutor.getMaxThreads() < 1) {
			throw new InvalidModelPoolConfigurationException(prefix + ".max-threads", callExecutor.getMaxThreads(),
					"max-threads must be at least 1");
		}
		if (callExecutor.getQueueCapacity() < 0) {
			throw new InvalidModelPoolConfigurationException(prefix + ".queue-capacity",
					callExecutor.getQueueCapacity(), "queue-capacity must not be negative (0: no queue)");
		}
	}

	/**
	 * Pools, declared models, embedding pools and declared embedding models all name
	 * beans: no id may be two of them.
	 */
	private static void validateUniqueIds(ModelPoolProperties properties) {
		Map<String, String> owners = new HashMap<>();
		for (IdKind kind : List.of(new IdKind(properties.getPools().keySet(), PoolPropertiesValidator::poolProperty),
				new IdKind(properties.getModels().keySet(), PoolPropertiesValidator::modelProperty),
				new IdKind(properties.getEmbeddingPools().keySet(), PoolPropertiesValidator::embeddingPoolProperty),
				new IdKind(properties.getEmbeddingModels().keySet(), PoolPropertiesValidator::embeddingModelProperty))) {
			for (String id : kind.ids()) {
				String property = kind.property().apply(id);
				String owner = owners.putIfAbsent(id, property);
				if (owner != null) {
					throw new InvalidModelPoolConfigurationException(property, id, "'" + id + "' is also " + owner
							+ "; each id names a bean, so give each its own id");
				}
			}
		}
	}

	/**
	 * The ids of one kind of bean the properties name, and the property each is
	 * configured under.
	 */
	private record IdKind(Set<String> ids, Function<String, String> property) {
	}

	/**
	 * Each member's breaker is named {@code <pool>-<member>}, and ids may hold a dash: pool
	 * {@code a-b} with member {@code c} and pool {@code a} with member {@code b-c} would
	 * share one breaker. Chat and embedding pools share the breaker registry.
	 */
	private static void validateBreakerNames(ModelPoolProperties properties) {
		Map<String, String> owners = new HashMap<>();
		properties.getPools()
			.forEach((poolId, pool) -> checkBreakers(owners, poolId, pool.getMembers(), poolProperty(poolId),
					(i) -> memberProperty(poolId, i)));
		properties.getEmbeddingPools()
			.forEach((poolId, pool) -> checkBreakers(owners, poolId, pool.getMembers(), embeddingPoolProperty(poolId),
					(i) -> embeddingMemberProperty(poolId, i)));
	}

	private static void checkBreakers(Map<String, String> owners, String poolId,
			List<? extends ModelPoolProperties.MemberSettings> members, String poolProperty,
			IntFunction<String> memberProperty) {
		for (int i = 0; i < members.size(); i++) {
			String memberId = members.get(i).effectiveId();
			String breaker = MemberCircuitBreakers.name(poolId, memberId);
			String property = memberProperty.apply(i);
			String owner = owners.putIfAbsent(breaker, property);
			if (owner != null && !owner.startsWith(poolProperty + ".")) {
				throw new InvalidModelPoolConfigurationException(property + ".id", memberId,
						"its circuit breaker would be named '" + breaker + "', as that of " + owner
								+ "; give one of the two pools or members another id");
			}
		}
	}

	private static void validateFailureRules(List<ModelPoolProperties.Rule> rules, ClassLoader classLoader) {
		for (int i = 0; i < rules.size(); i++) {
			ModelPoolProperties.Rule rule = rules.get(i);
			String property = ModelPoolProperties.PREFIX + ".failures.rules[" + i + "]";
			try {
				rule.toFailureRule();
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidModelPoolConfigurationException(property, String.valueOf(rule.getException()),
						ex.getMessage());
			}
			if (!ClassUtils.isPresent(rule.getException(), classLoader)) {
				throw new InvalidModelPoolConfigurationException(property + ".exception", rule.getException(),
						"no such class on the class path, so the rule could never match");
			}
		}
	}

	private static void validateStore(ModelPoolProperties properties, ClassLoader classLoader) {
		String prefix = ModelPoolProperties.PREFIX + ".redis";
		ModelPoolProperties.Redis redis = properties.getRedis();
		requirePositive(prefix + ".timeout", redis.getTimeout(), false);
		requirePositive(prefix + ".check-interval", redis.getCheckInterval(), false);
		requirePositive(prefix + ".usage-exchange-interval", redis.getUsageExchangeInterval(), false);
		if (redis.getKeyPrefix() == null || redis.getKeyPrefix().isBlank()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".key-prefix", redis.getKeyPrefix(),
					"must not be blank: every key the pools write starts with it");
		}
		String instanceId = properties.getInstanceId();
		if (instanceId != null && (instanceId.isBlank() || instanceId.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidModelPoolConfigurationException(ModelPoolProperties.PREFIX + ".instance-id", instanceId,
					"must not be blank or hold control characters");
		}
		if (properties.getStateStore() == StoreKind.REDIS
				&& !ClassUtils.isPresent(REACTIVE_REDIS_CONNECTION_FACTORY, classLoader)) {
			throw new InvalidModelPoolConfigurationException(ModelPoolProperties.PREFIX + ".state-store", "redis",
					"Spring Data Redis is not on the classpath; add spring-boot-starter-data-redis");
		}
	}

	static String poolProperty(String poolId) {
		return ModelPoolProperties.PREFIX + ".pools." + poolId;
	}

	static String memberProperty(String poolId, int index) {
		return poolProperty(poolId) + ".members[" + index + "]";
	}

	static String embeddingPoolProperty(String poolId) {
		return ModelPoolProperties.PREFIX + ".embedding-pools." + poolId;
	}

	static String embeddingMemberProperty(String poolId, int index) {
		return embeddingPoolProperty(poolId) + ".members[" + index + "]";
	}

	static String embeddingModelProperty(String modelId) {
		return ModelPoolProperties.PREFIX + ".embedding-models." + modelId;
	}

	private static void validatePool(String poolId, Pool pool, Set<String> poolIds) {
		requireId(poolProperty(poolId), poolId, "pool");
		String prefix = poolProperty(poolId);
		List<Member> members = pool.getMembers();
		if (members.isEmpty()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".members", "[]",
					"pool '" + poolId + "' has no members; list at least one chat-model");
		}
		Set<String> memberIds = new HashSet<>();
		for (int i = 0; i < members.size(); i++) {
			validateMember(poolId, i, members.get(i), memberIds, poolIds);
		}
		requireHome(prefix, poolId, members, memberIds);
		policy(prefix + ".routing", () -> ModelPoolFactory.routingPolicy(pool.getRouting()));
		policy(prefix + ".switch", () -> ModelPoolFactory.switchPolicy(pool.getSwitch()));
		policy(prefix + ".retry", () -> ModelPoolFactory.retryPolicy(pool.getRetry()));
		policy(prefix + ".timeouts", () -> ModelPoolFactory.timeoutPolicy(pool.getTimeouts()));
	}

	static void requireId(String property, String id, String kind) {
		if (!ID.matcher(id).matches()) {
			throw new InvalidModelPoolConfigurationException(property, id,
					kind + " id must match [A-Za-z0-9_-]+ (it names the " + kind + "'s bean and circuit breakers)");
		}
	}

	static void requireHome(String prefix, String poolId, List<? extends ModelPoolProperties.MemberSettings> members,
			Set<String> memberIds) {
		if (members.stream().noneMatch((member) -> member.getRole().isHomeEligible())) {
			throw new InvalidModelPoolConfigurationException(prefix + ".members", memberIds,
					"pool '" + poolId + "' needs at least one member with role 'member' (failover-only members are "
							+ "never a home)");
		}
	}

	/**
	 * Build a policy from its properties, its own checks deciding: a component out of
	 * range is reported as the property that set it.
	 */
	static void policy(String prefix, Runnable construction) {
		try {
			construction.run();
		}
		catch (PolicyArgumentException ex) {
			String property = prefix + "." + kebabCase(ex.getArgument());
			throw new InvalidModelPoolConfigurationException(property, ex.getValue(),
					kebabCase(ex.getArgument()) + " " + ex.getReason());
		}
	}

	private static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static void validateMember(String poolId, int index, Member member, Set<String> memberIds,
			Set<String> poolIds) {
		String prefix = memberProperty(poolId, index);
		validateMemberSettings(poolId, prefix, member, ".chat-model", "ChatModel", memberIds, poolIds);
		if (member.getContextWindow() != null && member.getContextWindow() <= 0) {
			throw new InvalidModelPoolConfigurationException(prefix + ".context-window", member.getContextWindow(),
					"context-window must be a number of tokens greater than 0");
		}
		requireNonNull(prefix + ".continuation", member.getContinuation());
		policy(prefix + ".timeouts",
				() -> new TimeoutPolicy(member.getTimeouts().getFirstToken(), member.getTimeouts().getIdle(), null));
	}

	/**
	 * What every member needs, chat or embedding: its model's bean name (not a pool's),
	 * an id unique in its pool, a weight, a role and positive rate limits.
	 * @param modelKey the key of the model's bean name, such as {@code .chat-model}
	 * @param modelType the type that bean must have
	 * @param poolIds ids of the pools of that type
	 */
	static void validateMemberSettings(String poolId, String prefix, ModelPoolProperties.MemberSettings member,
			String modelKey, String modelType, Set<String> memberIds, Set<String> poolIds) {
		String bean = member.modelBean();
		if (bean == null || bean.isBlank()) {
			throw new InvalidModelPoolConfigurationException(prefix + modelKey, bean,
					"each member needs the bean name of a " + modelType);
		}
		if (poolIds.contains(bean)) {
			throw new InvalidModelPoolConfigurationException(prefix + modelKey, bean,
					"'" + bean + "' is a pool; pools cannot be members of pools");
		}
		String id = member.effectiveId();
		if (!ID.matcher(id).matches()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".id", id,
					"member id must match [A-Za-z0-9_-]+ (set 'id' when the bean name does not)");
		}
		if (!memberIds.add(id)) {
			throw new InvalidModelPoolConfigurationException(prefix + ".id", id,
					"member id '" + id + "' is used twice in pool '" + poolId + "'; give each member its own id");
		}
		if (member.getWeight() <= 0 || member.getWeight() > MAX_WEIGHT) {
			throw new InvalidModelPoolConfigurationException(prefix + ".weight", member.getWeight(),
					"weight must be greater than 0 and at most " + MAX_WEIGHT);
		}
		if (member.getRole() == null) {
			throw new InvalidModelPoolConfigurationException(prefix + ".role", null,
					"role must be 'member' or 'failover-only'");
		}
		requirePositiveLimit(prefix + ".rpm", member.getRpm());
		requirePositiveLimit(prefix + ".tpm", member.getTpm());
	}

	static String modelProperty(String modelId) {
		return ModelPoolProperties.PREFIX + ".models." + modelId;
	}

	private static void validateModel(String modelId, DeclaredModelProperties model, ClassLoader classLoader) {
		String prefix = modelProperty(modelId);
		if (!ID.matcher(modelId).matches()) {
			throw new InvalidModelPoolConfigurationException(prefix, modelId,
					"model id must match [A-Za-z0-9_-]+ (it names the model's ChatModel bean)");
		}
		Provider provider = Provider.named(model.getProvider())
			.orElseThrow(() -> new InvalidModelPoolConfigurationException(prefix + ".provider", model.getProvider(),
					"unknown provider; supported providers: "
							+ Arrays.stream(Provider.values()).filter(Provider::isDeclarable).map(Provider::id).toList()));
		if (!provider.isDeclarable()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".provider", provider.id(),
					provider.id() + " models are declared on the Boot 3 line (Spring AI 1.1) only; on this line, "
							+ "define the model as a bean (" + provider.chatModelClassName() + ") and pool it by its "
							+ "bean name");
		}
		if (!provider.isAvailable(classLoader)) {
			throw new InvalidModelPoolConfigurationException(prefix + ".provider", provider.id(),
					"Spring AI's " + provider.id() + " module is not on the classpath; add the dependency "
							+ provider.dependency());
		}
		validateConnection(prefix, provider, model);
	}

	/**
	 * What a declared model, chat or embedding, needs to reach its provider: credentials,
	 * a model name, a valid URL and positive limits.
	 */
	static void validateConnection(String prefix, Provider provider, DeclaredModelProperties model) {
		if (provider.isApiKeyRequired() && (model.getApiKey() == null || model.getApiKey().isBlank())) {
			throw new InvalidModelPoolConfigurationException(prefix + ".api-key", null,
					provider.id() + " models need an api-key");
		}
		validateGoogleProject(prefix, provider, model);
		validateAws(prefix, provider, model);
		if (model.getModel() == null || model.getModel().isBlank()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".model", model.getModel(),
					"each declared model needs the model name to call");
		}
		validateUrl(prefix + ".base-url", model.getBaseUrl());
		requirePositive(prefix + ".connect-timeout", model.getConnectTimeout(), true);
		requirePositive(prefix + ".read-timeout", model.getReadTimeout(), true);
		if (model.getMaxAttempts() < 1) {
			throw new InvalidModelPoolConfigurationException(prefix + ".max-attempts", model.getMaxAttempts(),
					"max-attempts must be at least 1");
		}
		if (model.getRetryBackoff() == null || model.getRetryBackoff().isNegative()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".retry-backoff", model.getRetryBackoff(),
					"retry-backoff must not be negative");
		}
		requirePositiveLimit(prefix + ".rpm", model.getRpm());
		requirePositiveLimit(prefix + ".tpm", model.getTpm());
	}

	static void requirePositiveLimit(String property, Long value) {
		if (value != null && value <= 0) {
			throw new InvalidModelPoolConfigurationException(property, value,
					"a rate limit must be a whole number greater than 0 (per minute)");
		}
	}

	/**
	 * A google-genai model needs an API key (Gemini API) or a project and a location
	 * (Vertex AI); no other provider takes either.
	 */
	private static void validateGoogleProject(String prefix, Provider provider, DeclaredModelProperties model) {
		boolean hasKey = hasText(model.getApiKey());
		if (provider != Provider.GOOGLE_GENAI) {
			rejectSet(prefix + ".project-id", model.getProjectId(), "project-id applies to google-genai models only");
			rejectSet(prefix + ".location", model.getLocation(), "location applies to google-genai models only");
			return;
		}
		if (!hasKey && !hasText(model.getProjectId())) {
			throw new InvalidModelPoolConfigurationException(prefix + ".api-key", null,
					"google-genai models need an api-key (Gemini API), or a project-id and a location (Vertex AI)");
		}
		if (hasKey && (hasText(model.getProjectId()) || hasText(model.getLocation()))) {
			throw new InvalidModelPoolConfigurationException(prefix + ".project-id", model.getProjectId(),
					"give either an api-key (Gemini API) or a project-id and a location (Vertex AI), not both");
		}
		if (!hasKey && !hasText(model.getLocation())) {
			throw new InvalidModelPoolConfigurationException(prefix + ".location", null,
					"a google-genai model served by Vertex AI needs the location of project '" + model.getProjectId()
							+ "', such as us-central1 or global");
		}
		// The Gen AI SDK has one time limit for the whole request: read-timeout.
		rejectSet(prefix + ".connect-timeout", model.getConnectTimeout(),
				"google-genai models take no connect-timeout; read-timeout limits the whole request");
	}

	/**
	 * A bedrock model signs with AWS credentials (a profile or the default chain), not an
	 * API key; region and profile belong to bedrock models only.
	 */
	private static void validateAws(String prefix, Provider provider, DeclaredModelProperties model) {
		if (provider != Provider.BEDROCK) {
			rejectSet(prefix + ".region", model.getRegion(), "region applies to bedrock models only");
			rejectSet(prefix + ".profile", model.getProfile(), "profile applies to bedrock models only");
			return;
		}
		if (hasText(model.getApiKey())) {
			throw new InvalidModelPoolConfigurationException(prefix + ".api-key", null,
					"bedrock models sign requests with AWS credentials: set profile, or leave it unset for the "
							+ "default AWS credentials chain");
		}
		if (model.getRegion() != null && !AWS_REGION.matcher(model.getRegion()).matches()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".region", model.getRegion(),
					"not an AWS region name such as us-east-1 or eu-central-1");
		}
		if (model.getProfile() != null && model.getProfile().isBlank()) {
			throw new InvalidModelPoolConfigurationException(prefix + ".profile", model.getProfile(),
					"name an AWS profile, or leave it unset for the default credentials chain");
		}
	}

	static void rejectSet(String property, Object value, String reason) {
		if (value != null && !(value instanceof String text && text.isBlank())) {
			throw new InvalidModelPoolConfigurationException(property, value, reason);
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static void validateUrl(String property, String url) {
		if (url == null) {
			return;
		}
		try {
			URI uri = new URI(url);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new URISyntaxException(url, "needs an http or https scheme and a host");
			}
			if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				// Credentials in a URL would reach exception messages and logs; api-key never does.
				throw new InvalidModelPoolConfigurationException(property, SecretRedactor.redactUrl(url),
						"a base URL takes no user info, query or fragment: put credentials in api-key");
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidModelPoolConfigurationException(property, SecretRedactor.redactUrl(url),
					"not a valid http(s) URL: " + ex.getReason());
		}
	}

	private static void requireNonNull(String property, Object value) {
		if (value == null) {
			throw new InvalidModelPoolConfigurationException(property, null, "a value is required");
		}
	}

	static void requirePositive(String property, Duration value, boolean optional) {
		if (value == null && optional) {
			return;
		}
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidModelPoolConfigurationException(property, value, "must be a positive duration");
		}
	}

}
