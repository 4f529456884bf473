package org.fangxin.shared.sharding;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's data source in the sharded profile. A command routed to a merchant ({@link ShardRouting}) gets a
 * connection of that merchant's shard itself, so its SQL runs unchanged in one local transaction: ShardingSphere-JDBC
 * 5.5.2 can neither shard our per-module schemas nor parse several statements of that path (ADR 12 §8a). Unrouted work
 * goes through ShardingSphere, whose rules keep the global tables on the directory shard and write the broadcast
 * tables on every shard.
 */
final class ShardedDataSource extends AbstractRoutingDataSource implements AutoCloseable {

    private final Map<String, DataSource> shards;
    private final DataSource shardingSphere;

    ShardedDataSource(Map<String, DataSource> shards, DataSource shardingSphere) {
        this.shards = shards;
        this.shardingSphere = shardingSphere;
        setTargetDataSources(new HashMap<>(shards));
        setDefaultTargetDataSource(shardingSphere);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return ShardRouting.current().orElse(null);
    }

    @Override
    public void close() throws Exception {
        if (shardingSphere instanceof AutoCloseable closeable) {
            closeable.close();
        }
        for (DataSource shard : shards.values()) {
            if (shard instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
