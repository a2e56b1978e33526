package io.github.modelpool.pool;

import io.github.modelpool.member.ModelType;
import io.github.modelpool.member.TokenCounts;
import io.micrometer.observation.Observation;

/**
 * What a {@code model.pool.operation} observation knows about one pool call: the pool,
 * how it was called, the member that served (or last failed) it and how it ended.
 */
public class ModelPoolObservationContext extends Observation.Context {

	private final String poolId;

	private final CallMode mode;

	private final ModelType type;

	private volatile String member;

	private volatile String outcome;

	private volatile TokenCounts tokens = TokenCounts.NONE;

	public ModelPoolObservationContext(String poolId, CallMode mode) {
		this(poolId, mode, ModelType.CHAT);
	}

	/**
	 * The context of one call of a pool of the given type.
	 * @param poolId the pool
	 * @param mode how the pool was called
	 * @param type what the pool pools
	 */
	public ModelPoolObservationContext(String poolId, CallMode mode, ModelType type) {
		this.poolId = poolId;
		this.mode = mode;
		this.type = type;
	}

	/**
	 * What the observed pool pools.
	 * @return chat or embedding
	 */
	public ModelType getType() {
		return this.type;
	}

	public String getPoolId() {
		return this.poolId;
	}

	public CallMode getMode() {
		return this.mode;
	}

	/**
	 * Member that served the call, or the last one it reached.
	 * @return the member id, or {@code null} when no member was reached
	 */
	public String getMember() {
		return this.member;
	}

	void setMember(String member) {
		this.member = member;
	}

	/**
	 * How the call ended: {@code success}, a failure kind such as {@code quota}, or
	 * {@code unavailable} / {@code exhausted} / {@code rate_limited} for pool-level
	 * failures.
	 * @return the outcome, or {@code null} while running
	 */
	public String getOutcome() {
		return this.outcome;
	}

	void setOutcome(String outcome) {
		this.outcome = outcome;
	}

	/**
	 * Tokens of the answer, as the serving member's provider counted them.
	 * @return the tokens, {@link TokenCounts#NONE} when none were reported (yet)
	 */
	public TokenCounts getTokens() {
		return this.tokens;
	}

	void setTokens(TokenCounts tokens) {
		this.tokens = tokens;
	}

}
