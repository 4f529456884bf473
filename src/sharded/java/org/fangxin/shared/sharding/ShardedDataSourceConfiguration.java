package org.fangxin.shared.sharding;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.fangxin.shared.MerchantSlot;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.Role;
import org.springframework.core.task.TaskDecorator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code sharded} profile's data source (ADR 12): Flyway migrates every physical shard directly with the same
 * scripts (plus {@code db/sharded}: the slot map and the event publication table), then ShardingSphere-JDBC is put in
 * front of them with the rules of {@link ShardingRules}, and {@link ShardedDataSource} in front of both: routed
 * commands use their shard directly, the rest goes through ShardingSphere. Shard n is data source {@code ds_n};
 * {@code ds_0} is the directory shard that holds the global tables; the other shards reach its identity tables
 * through {@link DirectoryLink}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sharded")
class ShardedDataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ShardedDataSourceConfiguration.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(@Value("${fangxin.sharding.urls}") List<String> urls,
                          @Value("${fangxin.sharding.user}") String user,
                          @Value("${fangxin.sharding.password}") String password,
                          @Value("${fangxin.sharding.pool-size-max:8}") int poolSizeMax,
                          @Value("${fangxin.sharding.sql-show:false}") boolean sqlShow) throws SQLException {
        Map<String, DataSource> shards = new LinkedHashMap<>();
        for (int n = 0; n < urls.size(); n++) {
            HikariDataSource shard = shard("ds_" + n, urls.get(n).trim(), user, password, poolSizeMax);
            if (n > 0) {
                DirectoryLink.unlink(shard);
            }
            migrate(shard);
            if (n > 0) {
                DirectoryLink.link(shard, urls.get(0), user, password);
            }
            shards.put("ds_" + n, shard);
        }
        ShardSequences.interleave(List.copyOf(shards.values()));
        SlotMap.install(slotMap(shards.get("ds_0"), urls.size()));
        log.info("sharded: {} shards, slots per shard {}", urls.size(), slotsPerShard(urls.size()));
        byte[] rules = ShardingRules.yaml(sqlShow).getBytes(StandardCharsets.UTF_8);
        try {
            return new ShardedDataSource(shards, YamlShardingSphereDataSourceFactory.createDataSource(shards, rules));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("sharding rules unreadable", e);
        }
    }

    /** Reads and imports that name a bank or the platform: once per shard, combined (ADR 12 §8c). */
    @Bean(destroyMethod = "close")
    EveryShard everyShard(@Value("${fangxin.sharding.urls}") List<String> urls,
                          @Value("${fangxin.sharding.user}") String user,
                          @Value("${fangxin.sharding.password}") String password,
                          @Value("${fangxin.sharding.directory-lock-pool-size-max:4}") int lockPoolSizeMax,
                          @Value("${fangxin.sharding.directory-lock-connection-wait:PT5S}") java.time.Duration connectionWait,
                          @Value("${fangxin.sharding.directory-lock-timeout:PT10S}") java.time.Duration lockTimeout,
                          org.springframework.transaction.PlatformTransactionManager transactions) {
        HikariConfig locks = new HikariConfig();
        locks.setPoolName("fangxin-ds_0-locks");
        locks.setJdbcUrl(urls.get(0).trim());
        locks.setUsername(user);
        locks.setPassword(password);
        locks.setMaximumPoolSize(lockPoolSizeMax);
        locks.setMinimumIdle(0); // claims are rare: no idle connections kept for their locks
        // a request queued behind a busy lock answers 503 within seconds, not after Hikari's default 30 s (ADR 12 §8h)
        locks.setConnectionTimeout(Math.max(250, connectionWait.toMillis()));
        HikariDataSource directoryLocks = new HikariDataSource(locks);
        return new EveryShard(java.util.stream.IntStream.range(0, urls.size()).mapToObj(n -> "ds_" + n).toList(),
                transactions, directoryLocks, lockTimeout);
    }

    /** Beans' own thread pools carry the route too (static: a post-processor is made before other beans). */
    @Bean
    static RoutedExecutors routedExecutors() {
        return new RoutedExecutors();
    }

    /** A listener's completion (the Kafka externalizer's, on the producer thread) is recorded on its own shard. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor routedCompletions() {
        return RoutedCompletions.advisor();
    }

    /** Asynchronous listeners run on the shard of the command that published their event. */
    @Bean
    TaskDecorator shardRoutePropagation() {
        return ShardRouting.propagating();
    }

    static HikariDataSource shard(String name, String url, String user, String password, int poolSizeMax) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("fangxin-" + name);
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSizeMax);
        return new HikariDataSource(pool);
    }

    static void migrate(DataSource shard) {
        Flyway.configure().dataSource(shard).locations("classpath:db/migration", "classpath:db/sharded")
                .outOfOrder(true).load().migrate();
    }

    private static int[] slotMap(DataSource directory, int shards) {
        int[] map = MerchantSlot.equalRanges(shards);
        JdbcClient.create(directory).sql("select slot, shard from routing.slot_shard")
                .query((rs, row) -> map[rs.getInt(1)] = Math.min(rs.getInt(2), shards - 1)).list();
        return map;
    }

    private static String slotsPerShard(int shards) {
        int[] count = new int[shards];
        for (int slot = 0; slot < MerchantSlot.SLOTS; slot++) {
            count[SlotMap.shardOf(slot)]++;
        }
        return Arrays.toString(count);
    }
}
