package org.fangxin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The books of every physical shard, read over direct connections: each balances on its own, and all together. */
public final class ShardBooks {

    private ShardBooks() {
    }

    /** The default shards of scripts/sharded-up.sh, as application-sharded.properties names them. */
    static final String DEFAULT_URLS = "jdbc:postgresql://127.0.0.1:55441/fangxin,jdbc:postgresql://127.0.0.1:55442/fangxin,"
            + "jdbc:postgresql://127.0.0.1:55443/fangxin";

    /** The shards the tests run against: FANGXIN_SHARD_URLS as the application reads it, else the default ports. */
    public static List<String> configuredUrls() {
        String urls = System.getenv("FANGXIN_SHARD_URLS");
        return List.of((urls == null || urls.isBlank() ? DEFAULT_URLS : urls).split(",")).stream().map(String::trim).toList();
    }

    /** Skips the test when one of the configured shards (scripts/sharded-up.sh) is down. */
    public static void assumeShardsUp() {
        for (String url : configuredUrls()) {
            URI shard = URI.create(url.substring("jdbc:".length()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(shard.getHost(), shard.getPort()), 500);
            } catch (IOException e) {
                assumeTrue(false, "shard " + url + " is down: run scripts/sharded-up.sh");
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

    /** Global by ADR 12 §3 (on the directory shard, or a link to it): a merchant's rows there are not misplaced. */
    static final List<String> GLOBAL_SCHEMAS = List.of("identity", "identity_local", "notification", "jobs");

    /**
     * Every row of one merchant on a shard: rows of every base table with a {@code merchant_id} column (outside the
     * global schemas), its own merchant row, and the ledger accounts and entries of the merchant and of {@code owners}
     * (its cards).
     */
    public static long rowsOfMerchant(JdbcClient shard, UUID merchantId, List<UUID> owners) {
        List<String> tables = shard.sql("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.column_name = 'merchant_id' and t.table_type = 'BASE TABLE'
                   and c.table_schema not in (:global)""")
                .param("global", GLOBAL_SCHEMAS).query(String.class).list();
        long rows = shard.sql("select count(*) from merchant.merchant where id = :m").param("m", merchantId)
                .query(Long.class).single();
        for (String table : tables) {
            rows += shard.sql("select count(*) from " + table + " where merchant_id = :m").param("m", merchantId)
                    .query(Long.class).single();
        }
        return rows + shard.sql("""
                select (select count(*) from ledger.account where owner_id in (:o))
                     + (select count(*) from ledger.entry e join ledger.account a on a.id = e.account_id
                         where a.owner_id in (:o))""")
                .param("o", owners).query(Long.class).single();
    }
}
