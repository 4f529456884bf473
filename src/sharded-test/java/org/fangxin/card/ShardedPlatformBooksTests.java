package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.web.PlatformBooksOverShards;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The third slice (ADR 12 §4, §8c): each shard keeps its own sub-account of the platform's guarantee fund, a transfer
 * names only its own shard's, and the platform's figure is the sum over the shards, read in one visit per shard, with
 * the ledger's invariants checked on each shard and in total.
 */
class ShardedPlatformBooksTests extends ShardedCardTest {

    @Autowired PlatformBooksOverShards books;

    @Test
    void thePlatformsGuaranteeFundIsTheSumOfItsSubAccountsOnEveryShard() {
        String run = UUID.randomUUID().toString();
        long expected = 0;
        UUID[] fundOnShard = new UUID[3];
        for (int shard = 0; shard < 3; shard++) {
            long topUp = (shard + 1) * 1_000L;
            fundOnShard[shard] = ShardRouting.onShard("ds_" + shard, () -> {
                AccountView fund = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY);
                AccountView equity = ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY);
                ledger.post(NewTransfer.of("test-fund:" + run, "guarantee fund top-up on this shard",
                        EntryLine.debit(fund.id(), Money.fen(topUp)), EntryLine.credit(equity.id(), Money.fen(topUp))));
                return fund.id().value();
            });
            expected += ShardRouting.onShard("ds_" + shard, () -> ledger.findAccount(AccountType.PLATFORM_GUARANTEE_FUND, null,
                    Money.CNY).orElseThrow().normalBalance().amountMinor());
        }
        for (int shard = 0; shard < 3; shard++) {
            for (int other = 0; other < 3; other++) {
                long rows = shards.get(other).sql("select count(*) from ledger.account where id = :id")
                        .param("id", fundOnShard[shard]).query(Long.class).single();
                assertThat(rows).as("ds_" + shard + "'s fund on ds_" + other).isEqualTo(shard == other ? 1 : 0);
            }
        }

        long sum = expected;
        PlatformBooksOverShards.View view = books.read();
        assertThat(view.shards()).extracting(PlatformBooksOverShards.ShardPart::shard).containsExactly(0, 1, 2);
        assertThat(view.holds()).as("invariants on each shard and in total").isTrue();
        assertThat(view.total()).filteredOn(line -> line.type() == AccountType.PLATFORM_GUARANTEE_FUND).singleElement()
                .satisfies(line -> assertThat(line.balance()).isEqualTo(Money.fen(sum)));

        JsonNode answer = api().as(users.create(Role.OPERATOR)).get("/api/v1/ledger/shards").json();
        assertThat(answer.get("holds").asBoolean()).isTrue();
        assertThat(answer.get("shards").size()).isEqualTo(3);
        assertBooksBalancePerShardAndInTotal();
    }
}
