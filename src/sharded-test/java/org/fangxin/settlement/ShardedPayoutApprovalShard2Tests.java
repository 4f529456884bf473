package org.fangxin.settlement;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link PayoutApprovalTests} with the merchant (and so its payable and payout) on shard ds_2 (ADR 12 §8g): an
 * operator's manual run through {@code POST /api/v1/settlement/runs} settles it (before, the run read the payable
 * accounts unrouted and settled ds_0's merchants only), and the approval of its payout by id is routed by the payout
 * id's gene to ds_2 (before, the run made payout ids without the merchant's slot, so the route was chance).
 */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(2)
class ShardedPayoutApprovalShard2Tests extends PayoutApprovalTests {
}
