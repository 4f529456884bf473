package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.util.UUID;
import org.fangxin.shared.Money;
import org.fangxin.testing.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerPostingKeyPrefixTests extends ModuleTest {

    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @Test
    void sumsDebitsAndCreditsPerChartCodeOfTheTransfersUnderAPrefixAndPerNextSegment() {
        String event = "pfx-" + UUID.randomUUID().toString().substring(0, 8);
        UUID caseA = UUID.randomUUID();
        UUID caseB = UUID.randomUUID();
        AccountView fund = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY);
        AccountView equity = ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY);
        AccountView escrow = ledger.open(AccountType.ESCROW, UUID.randomUUID(), Money.CNY);
        // The fund is one account for the whole database: post after every entry on it, also those of earlier runs
        // whose clocks went further, so that the entries below are its latest.
        ledger.latestEntries(fund.id(), 1).stream().map(latest -> latest.entry().postedAt())
                .filter(postedAt -> !postedAt.isBefore(clock.instant())).forEach(postedAt -> clock.set(postedAt.plusSeconds(1)));
        ledger.post(NewTransfer.of("fund-top-up:" + UUID.randomUUID(), "seed", debit(fund.id(), fen(10_000)), credit(equity.id(), fen(10_000))));
        ledger.post(NewTransfer.of(event + ":" + caseA + ":1", "a1", debit(escrow.id(), fen(300)), credit(fund.id(), fen(300))));
        ledger.post(NewTransfer.of(event + ":" + caseA + ":2", "a2", debit(escrow.id(), fen(200)), credit(fund.id(), fen(200))));
        ledger.post(NewTransfer.of(event + ":" + caseB + ":1", "b1", debit(fund.id(), fen(50)), credit(escrow.id(), fen(50))));
        // A key that merely shares the characters of a LIKE wildcard must not match.
        ledger.post(NewTransfer.of(event.replace("-", "_") + "x:" + caseA + ":1", "other", debit(escrow.id(), fen(7)), credit(fund.id(), fen(7))));

        PostingSums a = ledger.sumsByPostingKeyPrefix(event + ":" + caseA + ":", Money.CNY);
        assertThat(a.transfers()).isEqualTo(2);
        assertThat(a.credits(AccountType.PLATFORM_GUARANTEE_FUND)).isEqualTo(fen(500));
        assertThat(a.debits(AccountType.ESCROW)).isEqualTo(fen(500));
        assertThat(a.debits(AccountType.PLATFORM_GUARANTEE_FUND)).isEqualTo(fen(0));

        var perCase = ledger.sumsByPostingKeyPrefixPerSegment(event + ":", Money.CNY);
        assertThat(perCase).containsOnlyKeys(caseA.toString(), caseB.toString());
        assertThat(perCase.get(caseA.toString())).isEqualTo(a);
        assertThat(perCase.get(caseB.toString()).debits(AccountType.PLATFORM_GUARANTEE_FUND)).isEqualTo(fen(50));
        assertThat(perCase.get(caseB.toString()).transfers()).isEqualTo(1);
        assertThat(ledger.sumsByPostingKeyPrefix(event + ":" + UUID.randomUUID() + ":", Money.CNY).transfers()).isZero();

        var onFund = ledger.sumsByPostingKeyPrefixPerSegment(event + ":", java.util.List.of(fund.id()), Money.CNY);
        assertThat(onFund).as("only the fund's entries read").containsOnlyKeys(caseA.toString(), caseB.toString());
        assertThat(onFund.get(caseA.toString()).credits(AccountType.PLATFORM_GUARANTEE_FUND)).isEqualTo(fen(500));
        assertThat(onFund.get(caseA.toString()).debits(AccountType.ESCROW)).isEqualTo(fen(0));
        assertThat(onFund.get(caseB.toString()).debits(AccountType.PLATFORM_GUARANTEE_FUND)).isEqualTo(fen(50));

        // the test's own escrow account: the guarantee fund is shared with tests on other clocks
        assertThat(ledger.latestEntries(escrow.id(), 2)).extracting(PostedEntry::postingKey).startsWith(event.replace("-", "_") + "x:" + caseA + ":1");
    }

    @Test
    void thePrefixReadUsesTheTextPatternIndex() {
        // "set local" lasts only inside a transaction: without one the planner may pick a scan of a small table.
        String plan = transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("explain select id from ledger.transfer where posting_key like 'claim-paid:abc:%'")
                    .query(String.class).list());
        });
        assertThat(plan).contains("transfer_posting_key_prefix");
    }
}
