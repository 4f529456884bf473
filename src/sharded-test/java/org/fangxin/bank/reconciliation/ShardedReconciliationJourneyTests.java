package org.fangxin.bank.reconciliation;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link SeveralBanksPayoutJourneyTests}, unchanged, on the directory shard ds_0 of the sharded profile: the custodian
 * banks are broadcast, the bank moves routed by the merchant in their path. On another shard the journey stops at the
 * per-bank reconciliation certificate: a request that names a bank, not a merchant, runs on ds_0 (ADR 12 §8b).
 */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(0)
class ShardedReconciliationJourneyTests extends SeveralBanksPayoutJourneyTests {
}
