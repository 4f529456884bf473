package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.FangxinApplication;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.TestBeans;
import org.fangxin.testing.TestClockExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the sharded profile over the three shards of scripts/sharded-up.sh (skipped when they are
 * not up), with direct connections to each physical shard to look rows up where they really are.
 */
@Tag("sharded")
@ActiveProfiles({"test", "sharded"})
@ExtendWith(TestClockExtension.class)
@SpringBootTest(classes = {FangxinApplication.class, TestBeans.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "spring.main.banner-mode=off", "fangxin.jobs.enabled=false"})
abstract class ShardedCardTest extends CardTest {

    /** The merchant-owned tables a purchase and a redemption write, each with its merchant column. */
    static final List<String> MERCHANT_ROWS = List.of("merchant.merchant:id", "merchant.store:merchant_id",
            "catalog.product:merchant_id", "card.purchase:merchant_id", "card.card:merchant_id",
            "card.redemption:merchant_id", "payment.payment_order:merchant_id");

    @Value("${fangxin.sharding.urls}") List<String> shardUrls;

    List<JdbcClient> shards;

    @BeforeAll
    static void shardsAreUp() {
        for (int port : new int[] {55441, 55442, 55443}) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (IOException e) {
                assumeTrue(false, "shard on port " + port + " is down: run scripts/sharded-up.sh");
            }
        }
    }

    @BeforeEach
    void directShardConnections() {
        shards = shardUrls.stream().map(url -> JdbcClient.create(new DriverManagerDataSource(url.trim(), "fangxin", "fangxin"))).toList();
    }

    static int shardNumberOf(UUID merchantId) {
        return Integer.parseInt(ShardRouting.shardOf(merchantId).substring("ds_".length()));
    }

    /** The merchant's rows (MERCHANT_ROWS) and the ledger entries of it and its card are on its shard, and on no other. */
    void assertWrittenOnlyOnItsShard(UUID merchantId, UUID cardId) {
        int home = shardNumberOf(merchantId);
        for (int shard = 0; shard < shards.size(); shard++) {
            for (String table : MERCHANT_ROWS) {
                long rows = rowsOf(shard, table, merchantId);
                if (shard == home) {
                    assertThat(rows).as(table + " on its merchant's shard ds_" + shard).isPositive();
                } else {
                    assertThat(rows).as(table + " on another shard ds_" + shard).isZero();
                }
            }
            long entries = ledgerEntriesOf(shard, merchantId, cardId);
            if (shard == home) {
                assertThat(entries).as("ledger entries of the merchant and card on ds_" + shard).isPositive();
            } else {
                assertThat(entries).as("ledger entries of the merchant and card on ds_" + shard).isZero();
            }
        }
    }

    private long rowsOf(int shard, String tableAndColumn, UUID merchantId) {
        String[] parts = tableAndColumn.split(":");
        return shards.get(shard).sql("select count(*) from " + parts[0] + " where " + parts[1] + " = :m")
                .param("m", merchantId).query(Long.class).single();
    }

    private long ledgerEntriesOf(int shard, UUID merchantId, UUID cardId) {
        return shards.get(shard).sql("""
                select count(*) from ledger.entry e join ledger.account a on a.id = e.account_id
                 where a.owner_id in (:m, :c)""").param("m", merchantId).param("c", cardId).query(Long.class).single();
    }

    /**
     * Each shard's transfers balance, its entries and balances sum to zero and the ledger's own invariant check holds
     * there on its own; the entries of all shards together sum to zero too.
     */
    void assertBooksBalancePerShardAndInTotal() {
        List<Long> sums = new ArrayList<>();
        for (int shard = 0; shard < shards.size(); shard++) {
            long unbalanced = shards.get(shard).sql("""
                    select count(*) from (select transfer_id from ledger.entry group by transfer_id
                                           having sum(amount_minor) <> 0) t""").query(Long.class).single();
            assertThat(unbalanced).as("unbalanced transfers on ds_" + shard).isZero();
            long sum = shards.get(shard).sql("select coalesce(sum(amount_minor), 0) from ledger.entry").query(Long.class).single();
            assertThat(sum).as("entries of ds_" + shard + " sum to zero").isZero();
            long balances = shards.get(shard).sql("""
                    select coalesce((select sum(balance_minor) from ledger.balance), 0)
                         + coalesce((select sum(balance_minor) from ledger.balance_slot), 0)""").query(Long.class).single();
            assertThat(balances).as("balances (with their slots) of ds_" + shard + " sum to zero").isZero();
            InvariantReport books = ShardRouting.onShard("ds_" + shard, () -> ledger.checkInvariants());
            assertThat(books.holds()).as("ds_" + shard + ": " + books).isTrue();
            sums.add(sum);
        }
        assertThat(sums.stream().mapToLong(Long::longValue).sum()).as("all shards together").isZero();
    }
}
