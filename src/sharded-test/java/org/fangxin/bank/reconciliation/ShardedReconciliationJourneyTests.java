package org.fangxin.bank.reconciliation;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link SeveralBanksPayoutJourneyTests}, unchanged, on the directory shard ds_0 of the sharded profile: the custodian
 * banks are broadcast, the bank moves routed by the merchant in their path, and statements matched on every shard
 * (ADR 12 §8c; the same journey on ds_1 and ds_2: {@link ShardedReconciliationJourneyShard1Tests},
 * {@link ShardedReconciliationJourneyShard2Tests}).
 */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(0)
class ShardedReconciliationJourneyTests extends SeveralBanksPayoutJourneyTests {
}
