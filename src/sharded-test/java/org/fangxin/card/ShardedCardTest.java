package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the sharded profile over the three shards of scripts/sharded-up.sh (skipped when they are
 * not up), with direct connections to each physical shard to look rows up where they really are.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
abstract class ShardedCardTest extends CardTest {

    /** The merchant-owned tables a purchase and a redemption write, each with its merchant column. */
    static final List<String> MERCHANT_ROWS = List.of("merchant.merchant:id", "merchant.store:merchant_id",
            "catalog.product:merchant_id", "card.purchase:merchant_id", "card.card:merchant_id",
            "card.redemption:merchant_id", "payment.payment_order:merchant_id");

    @Value("${fangxin.sharding.urls}") List<String> shardUrls;

    List<JdbcClient> shards;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @BeforeEach
    void directShardConnections() {
        shards = ShardBooks.connect(shardUrls);
    }

    static int shardNumberOf(UUID merchantId) {
        return Integer.parseInt(ShardRouting.shardOf(merchantId).substring("ds_".length()));
    }

    /** A new gym on shard {@code shard}: the middle slot of each third (shard n holds slots [n·1024/3, (n+1)·1024/3)). */
    TestMerchants.Created gymOn(int shard) {
        int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6;
        TestMerchants.Created gym = ShardRouting.onNewMerchant(slot, () -> f.merchant(Sector.SPORTS_FITNESS, "410200"));
        assertThat(shardNumberOf(gym.id())).isEqualTo(shard);
        return gym;
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
     * Each shard's books balance on their own and in total ({@link ShardBooks}), and the ledger's own invariant check
     * holds on each shard.
     */
    void assertBooksBalancePerShardAndInTotal() {
        ShardBooks.assertBalancedPerShardAndInTotal(shards);
        for (int shard = 0; shard < shards.size(); shard++) {
            InvariantReport books = ShardRouting.onShard("ds_" + shard, () -> ledger.checkInvariants());
            assertThat(books.holds()).as("ds_" + shard + ": " + books).isTrue();
        }
    }
}
