package io.github.modelpool.pool;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.github.modelpool.budget.AccountBudget;
import io.github.modelpool.budget.UsageReport;
import io.github.modelpool.member.PoolMember;
import io.github.modelpool.state.AccountUsage;
import io.github.modelpool.state.StateStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts the pool's accounts across application instances: every interval, off the call
 * path, each budget that counts anything tells the store what this instance used since
 * the last time and learns what the others used; while the store does not answer, the
 * budget keeps to its share of the limits. Budgets that count nothing cost the store
 * nothing.
 */
final class UsageExchange implements Runnable {

	private static final Log logger = LogFactory.getLog(UsageExchange.class);

	private final StateStore store;

	private final List<AccountBudget> budgets;

	UsageExchange(StateStore store, List<PoolMember> members) {
		this.store = store;
		Map<AccountBudget, Boolean> distinct = new IdentityHashMap<>();
		List<AccountBudget> budgets = new ArrayList<>();
		for (PoolMember member : members) {
			if (distinct.put(member.budget(), Boolean.TRUE) == null) {
				budgets.add(member.budget());
			}
		}
		this.budgets = List.copyOf(budgets);
	}

	@Override
	public void run() {
		for (AccountBudget budget : this.budgets) {
			try {
				exchange(budget);
			}
			catch (RuntimeException ex) {
				// The next round tries again; a scheduled task that threw would not.
				logger.debug("Could not exchange the use of account '" + budget.name() + "'", ex);
			}
		}
	}

	private void exchange(AccountBudget budget) {
		if (!budget.isTracking()) {
			return;
		}
		UsageReport report = budget.takeUnshared();
		AccountUsage others = this.store.exchangeUsage(budget.name(), report.requests(), report.tokens(),
				budget.window());
		if (others != null) {
			budget.othersUsed(others.othersRequests(), others.othersTokens(), others.instances());
		}
		else {
			budget.storeAway(report);
		}
	}

}
