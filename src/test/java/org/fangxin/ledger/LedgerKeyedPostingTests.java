package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * A transfer whose accounts are named by code and owner ({@link Ledger#post(KeyedTransfer)}): posted in one statement
 * when the accounts exist and the common path suffices (its header then says entries_in_statement), and with the same
 * outcomes as {@link Ledger#post(NewTransfer)} — opening, refusing, replaying — in every other case.
 */
@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerKeyedPostingTests extends LedgerModuleTest {

    /** A card funded with {@code funded} fen and its merchant (whose accounts may not exist yet). */
    record Books(UUID card, UUID merchant) { }

    private Books card(long funded) {
        AccountView card = ConcurrentBooks.fundedCards(ledger, 1, funded).get(0);
        return new Books(card.ownerId(), UUID.randomUUID());
    }

    /** A redemption of {@code value}, of which {@code netted} settles the merchant's advance. */
    static KeyedTransfer redemption(Books books, long value, long netted, String postingKey) {
        List<KeyedTransfer.Line> lines = new ArrayList<>(List.of(
                KeyedTransfer.Line.debit(new AccountKey(AccountType.CARD_LIABILITY, books.card()), fen(value))));
        if (value > netted) {
            lines.add(KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_PAYABLE, books.merchant()), fen(value - netted)));
        }
        if (netted > 0) {
            lines.add(KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_ADVANCE, books.merchant()), fen(netted)));
        }
        return new KeyedTransfer(postingKey, "redemption", Money.CNY, lines);
    }

    private boolean postedInOneStatement(TransferView transfer) {
        return jdbc.sql("select entries_in_statement from ledger.transfer where id = :id")
                .param("id", transfer.id().value()).query(Boolean.class).single();
    }

    private Money normal(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).orElseThrow().normalBalance();
    }

    @Test
    void postsInOneStatementWhenTheAccountsExist() {
        Books books = card(1_000);
        ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        TransferView posted = ledger.post(redemption(books, 300, 0, key("redemption")));
        assertThat(postedInOneStatement(posted)).isTrue();
        assertThat(posted.entries()).extracting(EntryView::amount).containsExactly(fen(300), fen(-300));
        assertThat(ledger.transfer(posted.id())).isEqualTo(posted);
        assertThat(normal(AccountType.CARD_LIABILITY, books.card())).isEqualTo(fen(700));
        assertThat(normal(AccountType.MERCHANT_PAYABLE, books.merchant())).isEqualTo(fen(300));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void postsThroughAPlatformAccountInOneStatementAndBackAgain() {
        UUID card = UUID.randomUUID();
        UUID merchant = UUID.randomUUID();
        ledger.open(Money.CNY, List.of(new AccountKey(AccountType.CARD_LIABILITY, card), new AccountKey(AccountType.ESCROW, merchant)));
        ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
        AccountKey clearing = new AccountKey(AccountType.CONSUMER_FUNDS_CLEARING, null);
        Money clearingBefore = normal(AccountType.CONSUMER_FUNDS_CLEARING, null);
        TransferView bought = ledger.post(new KeyedTransfer(key("purchase"), "card bought", Money.CNY, List.of(
                KeyedTransfer.Line.debit(clearing, fen(2_000)),
                KeyedTransfer.Line.credit(new AccountKey(AccountType.CARD_LIABILITY, card), fen(2_000)))));
        TransferView settled = ledger.post(new KeyedTransfer(key("escrow-funding"), "settled into escrow", Money.CNY, List.of(
                KeyedTransfer.Line.debit(new AccountKey(AccountType.ESCROW, merchant), fen(2_000)),
                KeyedTransfer.Line.credit(clearing, fen(2_000)))));
        assertThat(postedInOneStatement(bought)).isTrue();
        assertThat(postedInOneStatement(settled)).isTrue();
        assertThat(bought.entries()).extracting(e -> e.accountId())
                .containsExactly(ledger.findAccount(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).orElseThrow().id(),
                        ledger.findAccount(AccountType.CARD_LIABILITY, card, Money.CNY).orElseThrow().id());
        assertThat(ledger.transfer(bought.id())).isEqualTo(bought);
        assertThat(normal(AccountType.CARD_LIABILITY, card)).isEqualTo(fen(2_000));
        assertThat(normal(AccountType.ESCROW, merchant)).isEqualTo(fen(2_000));
        assertThat(normal(AccountType.CONSUMER_FUNDS_CLEARING, null)).isEqualTo(clearingBefore);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void opensAMissingAccountOnTheGeneralPath() {
        Books books = card(1_000);
        TransferView posted = ledger.post(redemption(books, 300, 0, key("redemption")));
        assertThat(postedInOneStatement(posted)).isFalse();
        assertThat(normal(AccountType.MERCHANT_PAYABLE, books.merchant())).isEqualTo(fen(300));
        TransferView next = ledger.post(redemption(books, 200, 0, key("redemption")));
        assertThat(postedInOneStatement(next)).isTrue();
        assertThat(normal(AccountType.MERCHANT_PAYABLE, books.merchant())).isEqualTo(fen(500));
    }

    @Test
    void drawsTheAdvanceFromASlotInOneStatement() {
        Books books = card(1_000);
        AccountView advance = ledger.open(AccountType.MERCHANT_ADVANCE, books.merchant(), Money.CNY);
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        ledger.post(NewTransfer.of(key("advance"), "advance", debit(advance.id(), fen(400)), credit(payable.id(), fen(400))));
        TransferView posted = ledger.post(redemption(books, 300, 100, key("redemption")));
        assertThat(postedInOneStatement(posted)).isTrue();
        assertThat(normal(AccountType.MERCHANT_ADVANCE, books.merchant())).isEqualTo(fen(300));
        assertThat(normal(AccountType.MERCHANT_PAYABLE, books.merchant())).isEqualTo(fen(600));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void postsManyTransfersInOneCallEachAsIfPostedAloneInTurn() {
        Books drawn = card(1_000);
        AccountView advance = ledger.open(AccountType.MERCHANT_ADVANCE, drawn.merchant(), Money.CNY);
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, drawn.merchant(), Money.CNY);
        ledger.post(NewTransfer.of(key("advance"), "advance", debit(advance.id(), fen(400)), credit(payable.id(), fen(400))));
        Books sameMerchant = new Books(card(500).card(), drawn.merchant());
        Books newMerchant = card(800); // its payable account is not opened yet: the general path finishes that one
        List<TransferView> posted = ledger.postKeyed(List.of(redemption(drawn, 300, 100, key("redemption")),
                redemption(sameMerchant, 200, 0, key("redemption")), redemption(drawn, 100, 0, key("redemption")),
                redemption(newMerchant, 250, 0, key("redemption"))));

        assertThat(posted).hasSize(4);
        assertThat(posted).extracting(this::postedInOneStatement).containsExactly(true, true, true, false);
        assertThat(posted).extracting(TransferView::id).doesNotHaveDuplicates();
        posted.forEach(transfer -> assertThat(ledger.transfer(transfer.id())).isEqualTo(transfer));
        assertThat(normal(AccountType.CARD_LIABILITY, drawn.card())).isEqualTo(fen(600));
        assertThat(normal(AccountType.CARD_LIABILITY, sameMerchant.card())).isEqualTo(fen(300));
        assertThat(normal(AccountType.MERCHANT_ADVANCE, drawn.merchant())).isEqualTo(fen(300));
        assertThat(normal(AccountType.MERCHANT_PAYABLE, drawn.merchant())).isEqualTo(fen(400 + 200 + 200 + 100));
        assertThat(normal(AccountType.MERCHANT_PAYABLE, newMerchant.merchant())).isEqualTo(fen(250));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void refusesManyTransfersWhenOneBreaksAFloorAfterTheOthers() {
        Books books = card(500);
        ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        assertThatThrownBy(() -> ledger.postKeyed(List.of(redemption(books, 300, 0, key("redemption")),
                redemption(books, 300, 0, key("redemption")))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
    }

    @Test
    void refusesABrokenFloorAsPostDoesAndWritesNothing() {
        Books books = card(100);
        ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        String postingKey = key("redemption");
        assertThatThrownBy(() -> ledger.post(redemption(books, 101, 0, postingKey)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
        assertThat(ledger.findTransfer(postingKey)).isEmpty();
        assertThat(normal(AccountType.CARD_LIABILITY, books.card())).isEqualTo(fen(100));
    }

    @Test
    void replaysTheSamePostingKeyAndRefusesItForOtherLines() {
        Books books = card(1_000);
        ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        String postingKey = key("redemption");
        TransferView first = ledger.post(redemption(books, 300, 0, postingKey));
        assertThat(ledger.post(redemption(books, 300, 0, postingKey)).id()).isEqualTo(first.id());
        assertThatThrownBy(() -> ledger.post(redemption(books, 200, 0, postingKey)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.POSTING_KEY_REUSED));
        assertThat(normal(AccountType.CARD_LIABILITY, books.card())).isEqualTo(fen(700));
    }

    @Test
    void refusesAMalformedTransferBeforeAnythingIsRead() {
        Books books = card(1_000);
        KeyedTransfer unbalanced = new KeyedTransfer(key("redemption"), "redemption", Money.CNY, List.of(
                KeyedTransfer.Line.debit(new AccountKey(AccountType.CARD_LIABILITY, books.card()), fen(300)),
                KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_PAYABLE, books.merchant()), fen(200))));
        assertThatThrownBy(() -> ledger.post(unbalanced))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.UNBALANCED));
        assertThat(ledger.findAccount(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY)).isEmpty();
    }

    /** Two postings race for the card's last 100 fen, each in its own transaction: exactly one is posted. */
    @Test
    void twoConcurrentPostingsOfTheLastValueLetExactlyOneThrough() throws Exception {
        Books books = card(100);
        ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        List<String> outcomes = race(2, () -> ledger.post(redemption(books, 100, 0, key("redemption"))));
        assertThat(outcomes).containsExactlyInAnyOrder("posted", "insufficient-balance");
        assertThat(normal(AccountType.CARD_LIABILITY, books.card())).isEqualTo(fen(0));
        assertThat(normal(AccountType.MERCHANT_PAYABLE, books.merchant())).isEqualTo(fen(100));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }
}
