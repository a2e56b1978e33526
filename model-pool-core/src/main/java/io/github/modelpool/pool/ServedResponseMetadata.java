package io.github.modelpool.pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.PromptMetadata;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.metadata.Usage;

/**
 * A member's response metadata with the pool's entries (serving member, model, tries,
 * members), read through instead of copied: each call's answer carries it, and a copy
 * made with {@link ChatResponseMetadata.Builder} costs a map and its entries per call.
 * Every accessor answers what such a copy would; the pool's entries win over the
 * member's of the same key.
 * <p>
 * Equality compares what the accessors answer, as {@link ChatResponseMetadata} compares
 * its fields; a plain metadata object compares its own fields, which this view leaves at
 * their defaults, so it does not equal this view.
 */
final class ServedResponseMetadata extends ChatResponseMetadata {

	private static final ChatResponseMetadata NO_METADATA = new ChatResponseMetadata();

	private final ChatResponseMetadata member;

	private final String memberId;

	private final String model;

	private final int tries;

	private final List<String> members;

	/**
	 * The member's metadata with the pool's entries.
	 * @param member the member's metadata, {@code null} when it gave none
	 * @param memberId the serving member
	 * @param model the model that served, {@code null} when unknown
	 * @param tries member tries of the call
	 * @param members members whose output the answer holds (an immutable list)
	 */
	ServedResponseMetadata(ChatResponseMetadata member, String memberId, String model, int tries,
			List<String> members) {
		this.member = (member != null) ? member : NO_METADATA;
		this.memberId = memberId;
		this.model = model;
		this.tries = tries;
		this.members = members;
	}

	@Override
	public String getId() {
		return this.member.getId();
	}

	@Override
	public String getModel() {
		return this.member.getModel();
	}

	@Override
	public RateLimit getRateLimit() {
		return this.member.getRateLimit();
	}

	@Override
	public Usage getUsage() {
		return this.member.getUsage();
	}

	@Override
	public PromptMetadata getPromptMetadata() {
		return this.member.getPromptMetadata();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(String key) {
		Object own = own(key);
		return (own != null) ? (T) own : this.member.get(key);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getRequired(Object key) {
		Object value = (key instanceof String name) ? get(name) : null;
		if (value == null) {
			throw new IllegalArgumentException("Context does not have an entry for key [" + key + "]");
		}
		return (T) value;
	}

	@Override
	public boolean containsKey(Object key) {
		return ((key instanceof String name) && own(name) != null) || this.member.containsKey(key);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getOrDefault(Object key, T defaultObject) {
		Object own = (key instanceof String name) ? own(name) : null;
		return (own != null) ? (T) own : this.member.getOrDefault(key, defaultObject);
	}

	@Override
	public Set<Map.Entry<String, Object>> entrySet() {
		return Collections.unmodifiableMap(entries()).entrySet();
	}

	@Override
	public Set<String> keySet() {
		return Collections.unmodifiableSet(entries().keySet());
	}

	@Override
	public boolean isEmpty() {
		return false;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof ChatResponseMetadata that && Objects.equals(getId(), that.getId())
				&& Objects.equals(getModel(), that.getModel()) && Objects.equals(getRateLimit(), that.getRateLimit())
				&& Objects.equals(getUsage(), that.getUsage())
				&& Objects.equals(getPromptMetadata(), that.getPromptMetadata()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(getId(), getModel(), getRateLimit(), getUsage(), getPromptMetadata());
	}

	private Object own(String key) {
		return switch (key) {
			case ModelPool.MEMBER_METADATA_KEY -> this.memberId;
			case ModelPool.MODEL_METADATA_KEY -> this.model;
			case ModelPool.ATTEMPTS_METADATA_KEY -> this.tries;
			case ModelPool.MEMBERS_METADATA_KEY -> this.members;
			default -> null;
		};
	}

	private Map<String, Object> entries() {
		Map<String, Object> entries = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : this.member.entrySet()) {
			entries.put(entry.getKey(), entry.getValue());
		}
		entries.put(ModelPool.MEMBER_METADATA_KEY, this.memberId);
		if (this.model != null) {
			entries.put(ModelPool.MODEL_METADATA_KEY, this.model);
		}
		entries.put(ModelPool.ATTEMPTS_METADATA_KEY, this.tries);
		entries.put(ModelPool.MEMBERS_METADATA_KEY, this.members);
		return entries;
	}

}
