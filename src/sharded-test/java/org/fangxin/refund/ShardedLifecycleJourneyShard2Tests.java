package org.fangxin.refund;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/** {@link PrepaidLifecycleJourneyTests}, unchanged, with its merchant on shard ds_2 of the sharded profile. */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(2)
class ShardedLifecycleJourneyShard2Tests extends PrepaidLifecycleJourneyTests {
}
