package org.fangxin.bench;

import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.shared.sharding.ShardRouting;

/**
 * bench/scale on the sharded profile: {@link ScaleBenchmark} with each merchant's work inside {@link ShardRouting}, over
 * the shards named in FANGXIN_SHARD_URLS (one URL: 1 shard; three: 3 shards).
 */
public final class ShardedScaleBenchmark {

    private ShardedScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ScaleBenchmark.run(args, new ScaleBenchmark.Router() {
            @Override
            public <T> T onMerchant(UUID merchantId, Supplier<T> work) {
                return ShardRouting.onMerchant(merchantId, work);
            }

            @Override
            public <T> T onNewMerchant(int slot, Supplier<T> work) {
                return ShardRouting.onNewMerchant(slot, work);
            }
        }, "sharded");
    }
}
