package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;

/** {@link Ledger#postAll}, {@link Ledger#openAll} and {@link Ledger#balancesByOwner}: the rules of single postings, in bulk. */
@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerBulkPostingTests extends LedgerModuleTest {

    @Test
    void postsManyTransfersOnceAndReplaysThemWithoutWriting() {
        AccountId clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        AccountId escrow = ledger.open(AccountType.ESCROW, UUID.randomUUID(), Money.CNY).id();
        List<UUID> cards = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, AccountId> liabilities = ledger.openAll(AccountType.CARD_LIABILITY, cards, Money.CNY);
        assertThat(ledger.openAll(AccountType.CARD_LIABILITY, cards, Money.CNY)).as("idempotent").isEqualTo(liabilities);
        List<NewTransfer> transfers = List.of(
                NewTransfer.of(key("purchase"), "p1", debit(clearing, fen(100)), credit(liabilities.get(cards.get(0)), fen(100))),
                NewTransfer.of(key("purchase"), "p2", debit(clearing, fen(200)), credit(liabilities.get(cards.get(1)), fen(200))),
                NewTransfer.of(key("purchase"), "p3", debit(clearing, fen(300)), credit(liabilities.get(cards.get(2)), fen(300))),
                NewTransfer.of(key("settlement"), "s", debit(escrow, fen(600)), credit(clearing, fen(600))));

        List<TransferId> ids = ledger.postAll(transfers);
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        assertThat(ledger.balance(escrow)).isEqualTo(fen(600));
        assertThat(ledger.balancesByOwner(AccountType.CARD_LIABILITY, cards, Money.CNY))
                .isEqualTo(Map.of(cards.get(0), fen(100), cards.get(1), fen(200), cards.get(2), fen(300)));
        assertThat(ledger.transfer(ids.get(1)).entries()).hasSize(2);

        assertThat(ledger.postAll(transfers)).as("replayed: same ids").isEqualTo(ids);
        assertThat(ledger.balance(escrow)).isEqualTo(fen(600));
        assertThat(jdbc.sql("select count(*) from ledger.entry where account_id = :a").param("a", escrow.value())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void postsOneWideTransferOfALinePerOwnerOnceWhereOrdinaryTransfersStopAt32Lines() {
        AccountId clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        List<UUID> cards = java.util.stream.Stream.generate(UUID::randomUUID).limit(40).toList();
        Map<UUID, AccountId> liabilities = ledger.openAll(AccountType.CARD_LIABILITY, cards, Money.CNY);
        List<EntryLine> lines = new java.util.ArrayList<>();
        cards.forEach(card -> lines.add(credit(liabilities.get(card), fen(10))));
        lines.add(debit(clearing, fen(400)));
        NewTransfer wide = new NewTransfer(key("wide"), "41 lines", lines);
        assertThatThrownBy(() -> ledger.postAll(List.of(wide))).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(LedgerProblems.INVALID_TRANSFER);

        Money clearingBefore = ledger.balance(clearing);
        TransferId id = ledger.postWide(wide);
        assertThat(ledger.transfer(id).entries()).hasSize(41);
        assertThat(ledger.postWide(wide)).as("replayed: same id, nothing written").isEqualTo(id);
        assertThat(ledger.balancesByOwner(AccountType.CARD_LIABILITY, cards, Money.CNY).values()).hasSize(40)
                .allMatch(balance -> balance.equals(fen(10)));
        assertThat(ledger.balance(clearing)).isEqualTo(clearingBefore.plus(fen(400)));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void checksFloorsInTheGivenOrderAndWritesNothingWhenOneIsRefused() {
        AccountId clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        AccountId escrow = ledger.open(AccountType.ESCROW, UUID.randomUUID(), Money.CNY).id();
        ledger.post(NewTransfer.of(key("settlement"), "s", debit(escrow, fen(100)), credit(clearing, fen(100))));
        NewTransfer out1 = NewTransfer.of(key("out"), "o1", debit(clearing, fen(60)), credit(escrow, fen(60)));
        NewTransfer in = NewTransfer.of(key("in"), "i", debit(escrow, fen(50)), credit(clearing, fen(50)));
        NewTransfer out2 = NewTransfer.of(key("out"), "o2", debit(clearing, fen(60)), credit(escrow, fen(60)));

        assertThatThrownBy(() -> ledger.postAll(List.of(out1, out2, in))).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE);
        assertThat(ledger.balance(escrow)).isEqualTo(fen(100));
        assertThat(ledger.findTransfer(out1.postingKey())).as("nothing written").isEmpty();

        ledger.postAll(List.of(out1, in, out2));
        assertThat(ledger.balance(escrow)).isEqualTo(fen(30));
    }

    @Test
    void refusesAPostingKeyReusedWithOtherLines() {
        AccountId clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        AccountId escrow = ledger.open(AccountType.ESCROW, UUID.randomUUID(), Money.CNY).id();
        String reused = key("settlement");
        ledger.post(NewTransfer.of(reused, "s", debit(escrow, fen(100)), credit(clearing, fen(100))));
        NewTransfer fresh = NewTransfer.of(key("settlement"), "f", debit(escrow, fen(5)), credit(clearing, fen(5)));

        assertThatThrownBy(() -> ledger.postAll(List.of(fresh,
                NewTransfer.of(reused, "s", debit(escrow, fen(99)), credit(clearing, fen(99))))))
                .isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(LedgerProblems.POSTING_KEY_REUSED);
        assertThat(ledger.findTransfer(fresh.postingKey())).isEmpty();
        assertThat(ledger.balance(escrow)).isEqualTo(fen(100));
    }
}
