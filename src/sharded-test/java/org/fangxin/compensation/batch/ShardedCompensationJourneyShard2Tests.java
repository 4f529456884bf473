package org.fangxin.compensation.batch;

import org.fangxin.testing.OnShard;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/** {@link CompensationJourneyTests}, unchanged, with the closed gym on shard ds_2 of the sharded profile. */
@Tag("sharded")
@ActiveProfiles("sharded")
@OnShard(2)
class ShardedCompensationJourneyShard2Tests extends CompensationJourneyTests {
}
