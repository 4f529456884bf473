package org.fangxin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The books of every physical shard, read over direct connections: each balances on its own, and all together. */
public final class ShardBooks {

    private ShardBooks() {
    }

    /** Skips the test when a shard of scripts/sharded-up.sh is down. */
    public static void assumeShardsUp() {
        for (int port : new int[] {55441, 55442, 55443}) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (IOException e) {
                assumeTrue(false, "shard on port " + port + " is down: run scripts/sharded-up.sh");
            }
        }
    }

    public static List<JdbcClient> connect(List<String> shardUrls) {
        return shardUrls.stream().map(url -> JdbcClient.create(new DriverManagerDataSource(url.trim(), "fangxin", "fangxin")))
                .toList();
    }

    /** Each shard's transfers balance, its entries and its balances sum to zero; so do all shards' entries together. */
    public static void assertBalancedPerShardAndInTotal(List<JdbcClient> shards) {
        long total = 0;
        for (int shard = 0; shard < shards.size(); shard++) {
            JdbcClient db = shards.get(shard);
            long unbalanced = db.sql("""
                    select count(*) from (select transfer_id from ledger.entry group by transfer_id
                                           having sum(amount_minor) <> 0) t""").query(Long.class).single();
            assertThat(unbalanced).as("unbalanced transfers on ds_" + shard).isZero();
            long sum = db.sql("select coalesce(sum(amount_minor), 0) from ledger.entry").query(Long.class).single();
            assertThat(sum).as("entries of ds_" + shard + " sum to zero").isZero();
            long balances = db.sql("""
                    select coalesce((select sum(balance_minor) from ledger.balance), 0)
                         + coalesce((select sum(balance_minor) from ledger.balance_slot), 0)""").query(Long.class).single();
            assertThat(balances).as("balances (with their slots) of ds_" + shard + " sum to zero").isZero();
            total += sum;
        }
        assertThat(total).as("all shards together").isZero();
    }
}
