package org.fangxin.refund;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/** {@link PrepaidLifecycleJourneyTests}, unchanged, with its merchant on shard ds_0 of the sharded profile. */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(0)
class ShardedLifecycleJourneyShard0Tests extends PrepaidLifecycleJourneyTests {
}
