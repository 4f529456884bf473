package org.fangxin.bank.reconciliation;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link SeveralBanksPayoutJourneyTests}, unchanged, with both banks' merchants on shard ds_2: statement import, matching,
 * certificates and the bank's views run per shard and are combined (ADR 12 §8c).
 */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(2)
class ShardedReconciliationJourneyShard2Tests extends SeveralBanksPayoutJourneyTests {
}
