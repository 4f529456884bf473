package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.test.ApplicationModuleTest;

@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerTests extends LedgerModuleTest {

    private static final Currency CNY = Money.CNY;

    /** A merchant's purchase accounts: clearing (unconstrained), escrow and one card's liability (both constrained). */
    record Books(AccountView clearing, AccountView escrow, AccountView card) { }

    private Books books() {
        UUID merchant = UUID.randomUUID();
        return new Books(ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, CNY),
                ledger.open(AccountType.ESCROW, merchant, CNY),
                ledger.open(AccountType.CARD_LIABILITY, UUID.randomUUID(), CNY));
    }

    /** Purchase of {@code fen} then settlement into escrow: escrow holds it, the card owes it. */
    private void fund(Books books, long amount) {
        ledger.post(NewTransfer.of(key("purchase"), "purchase", debit(books.clearing().id(), fen(amount)),
                credit(books.card().id(), fen(amount))));
        ledger.post(NewTransfer.of(key("settlement"), "settlement", debit(books.escrow().id(), fen(amount)),
                credit(books.clearing().id(), fen(amount))));
    }

    @Test
    void opensAnAccountOnceAndReturnsItAgain() {
        UUID merchant = UUID.randomUUID();
        AccountView first = ledger.open(AccountType.ESCROW, merchant, CNY);
        AccountView again = ledger.open(AccountType.ESCROW, merchant, CNY);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.normalSide()).isEqualTo(Side.DEBIT);
        assertThat(first.nonNegative()).isTrue();
        assertThat(first.normalBalance()).isEqualTo(fen(0));
        assertThat(ledger.open(AccountType.ESCROW, merchant, Currency.getInstance("USD")).id()).isNotEqualTo(first.id());
        assertThat(ledger.open(AccountType.PLATFORM_EQUITY, null, CNY).id())
                .isEqualTo(ledger.open(AccountType.PLATFORM_EQUITY, null, CNY).id());
    }

    @Test
    void refusesAnOwnerThatDoesNotFitTheChart() {
        assertThatThrownBy(() -> ledger.open(AccountType.ESCROW, null, CNY))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.INVALID_ACCOUNT));
        assertThatThrownBy(() -> ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, UUID.randomUUID(), CNY))
                .isInstanceOf(Rejection.class);
    }

    @Test
    void postsABalancedTransferAndMovesBalances() {
        Books books = books();
        TransferView purchase = ledger.post(NewTransfer.of(key("purchase"), "card bought",
                debit(books.escrow().id(), fen(200_000)), credit(books.card().id(), fen(200_000))));
        assertThat(purchase.entries()).hasSize(2);
        assertThat(purchase.entries()).extracting(EntryView::side).containsExactlyInAnyOrder(Side.DEBIT, Side.CREDIT);
        assertThat(ledger.balance(books.escrow().id())).isEqualTo(fen(200_000));
        assertThat(ledger.balance(books.card().id())).isEqualTo(fen(200_000));
        assertThat(ledger.account(books.card().id()).balance()).isEqualTo(fen(-200_000));
        assertThat(ledger.entries(books.escrow().id(), 0, 10).items()).extracting(EntryView::amount).containsExactly(fen(200_000));
    }

    @Test
    void returnsTheFirstTransferWhenTheSamePostingKeyIsPostedWithTheSameContent() {
        Books books = books();
        String key = key("redemption");
        TransferView first = ledger.post(NewTransfer.of(key, "redeem", debit(books.clearing().id(), fen(500)),
                credit(books.card().id(), fen(500))));
        TransferView again = ledger.post(NewTransfer.of(key, "redeem (retry)", credit(books.card().id(), fen(500)),
                debit(books.clearing().id(), fen(500))));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(ledger.balance(books.card().id())).isEqualTo(fen(500));
        assertThat(ledger.entries(books.card().id(), 0, 10).totalItems()).isEqualTo(1);
    }

    @Test
    void refusesAReusedPostingKeyWithDifferentContentNamingTheDifference() {
        Books books = books();
        String key = key("redemption");
        ledger.post(NewTransfer.of(key, "redeem", debit(books.clearing().id(), fen(500)), credit(books.card().id(), fen(500))));
        assertThatThrownBy(() -> ledger.post(NewTransfer.of(key, "redeem", debit(books.clearing().id(), fen(600)),
                credit(books.card().id(), fen(600)))))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.type()).isEqualTo(LedgerProblems.POSTING_KEY_REUSED);
                    assertThat(r.type().status()).isEqualTo(409);
                    assertThat(r.getMessage()).contains(books.card().id().toString()).contains("500").contains("600");
                });
        assertThat(ledger.balance(books.card().id())).isEqualTo(fen(500));
        assertThat(ledger.entries(books.card().id(), 0, 10).totalItems()).isEqualTo(1);
    }

    @Test
    void refusesInsufficientBalanceAndLeavesEveryBalanceUnchanged() {
        Books books = books();
        fund(books, 1_000);
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, UUID.randomUUID(), CNY);
        // Paying out 1,500 from an escrow holding 1,000 is refused whole: no line is written, not even the payable's.
        assertThatThrownBy(() -> ledger.post(NewTransfer.of(key("payout"), "payout",
                debit(books.clearing().id(), fen(1_500)), credit(books.escrow().id(), fen(1_500)))))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE);
                    assertThat(r.getMessage()).contains(books.escrow().id().toString());
                });
        String key = key("over-redemption");
        assertThatThrownBy(() -> ledger.post(NewTransfer.of(key, "redeem more than the card holds",
                debit(books.card().id(), fen(1_001)), credit(payable.id(), fen(1_001)))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
        assertThat(ledger.balance(books.escrow().id())).isEqualTo(fen(1_000));
        assertThat(ledger.balance(books.card().id())).isEqualTo(fen(1_000));
        assertThat(ledger.balance(payable.id())).isEqualTo(fen(0));
        assertThat(ledger.findTransfer(key)).isEmpty();
    }

    @Test
    void refusesMalformedTransfersBeforeWriting() {
        Books books = books();
        assertThatThrownBy(() -> ledger.post(NewTransfer.of(key("x"), "unbalanced", debit(books.clearing().id(), fen(10)),
                credit(books.card().id(), fen(9)))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.UNBALANCED));
        assertThatThrownBy(() -> ledger.post(NewTransfer.of(key("x"), "unknown", debit(books.clearing().id(), fen(10)),
                credit(new AccountId(UUID.randomUUID()), fen(10)))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.UNKNOWN_ACCOUNT));
        Money dollars = new Money(10, Currency.getInstance("USD"));
        AccountView usdClearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Currency.getInstance("USD"));
        assertThatThrownBy(() -> ledger.post(NewTransfer.of(key("x"), "mismatch", debit(usdClearing.id(), dollars),
                credit(books.escrow().id(), dollars))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.CURRENCY_MISMATCH));
        assertThat(ledger.entries(books.card().id(), 0, 10).totalItems()).isZero();
    }

    @Test
    void reversesATransferOnceWithMirrorEntries() {
        Books books = books();
        fund(books, 3_000);
        AccountView refunds = ledger.open(AccountType.CONSUMER_REFUNDS_PAYABLE, books.card().ownerId(), CNY);
        TransferView refund = ledger.post(NewTransfer.of(key("refund"), "refund", debit(books.card().id(), fen(1_200)),
                credit(refunds.id(), fen(1_200))));
        String reversalKey = "reversal:" + refund.id();
        TransferView reversal = ledger.reverse(refund.id(), reversalKey, "refund entered twice");
        assertThat(reversal.reverses()).isEqualTo(refund.id());
        assertThat(reversal.entries()).extracting(e -> e.amount().negate())
                .containsExactlyInAnyOrderElementsOf(refund.entries().stream().map(EntryView::amount).toList());
        assertThat(ledger.transfer(refund.id()).reversedBy()).isEqualTo(reversal.id());
        assertThat(ledger.balance(books.card().id())).isEqualTo(fen(3_000));
        assertThat(ledger.balance(refunds.id())).isEqualTo(fen(0));
        assertThat(ledger.reverse(refund.id(), reversalKey, "retry").id()).isEqualTo(reversal.id());
        assertThatThrownBy(() -> ledger.reverse(refund.id(), key("reversal"), "again"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.ALREADY_REVERSED));
        assertThatThrownBy(() -> ledger.reverse(reversal.id(), key("reversal"), "undo the undo"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.ALREADY_REVERSED));
    }

    @Test
    void refusesAReversalThatWouldOverdrawAConstrainedAccount() {
        Books books = books();
        TransferView purchase = ledger.post(NewTransfer.of(key("purchase"), "purchase", debit(books.escrow().id(), fen(800)),
                credit(books.card().id(), fen(800))));
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, UUID.randomUUID(), CNY);
        ledger.post(NewTransfer.of(key("redemption"), "redeem", debit(books.card().id(), fen(500)), credit(payable.id(), fen(500))));
        // Undoing the purchase would need the card to give back 800 of value it now holds only 300 of.
        assertThatThrownBy(() -> ledger.reverse(purchase.id(), key("reversal"), "mistake"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
        assertThat(ledger.transfer(purchase.id()).reversedBy()).isNull();
    }

    @Test
    void answersTheBalanceAsOfAnyInstant() {
        Books books = books();
        Instant before = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        ledger.post(NewTransfer.of(key("purchase"), "first", debit(books.escrow().id(), fen(100)), credit(books.card().id(), fen(100))));
        Instant afterFirst = clock.instant();
        clock.advance(Duration.ofHours(1));
        ledger.post(NewTransfer.of(key("purchase"), "second", debit(books.escrow().id(), fen(250)), credit(books.card().id(), fen(250))));
        assertThat(ledger.balanceAsOf(books.escrow().id(), before)).isEqualTo(fen(0));
        assertThat(ledger.balanceAsOf(books.escrow().id(), afterFirst)).isEqualTo(fen(100));
        assertThat(ledger.balanceAsOf(books.card().id(), afterFirst.plusSeconds(60))).isEqualTo(fen(100));
        assertThat(ledger.balanceAsOf(books.card().id(), clock.instant())).isEqualTo(fen(350));
        assertThat(ledger.balance(books.card().id())).isEqualTo(fen(350));
    }

    @Test
    void refusesUpdatesAndDeletesOfPostedHistoryInTheDatabase() {
        Books books = books();
        TransferView posted = ledger.post(NewTransfer.of(key("purchase"), "purchase", debit(books.escrow().id(), fen(700)),
                credit(books.card().id(), fen(700))));
        UUID transferId = posted.id().value();
        assertThatThrownBy(() -> jdbc.sql("update ledger.entry set amount_minor = 1 where transfer_id = :id")
                .param("id", transferId).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger.entry where transfer_id = :id").param("id", transferId).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update ledger.transfer set description = 'x' where id = :id")
                .param("id", transferId).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger.transfer where id = :id").param("id", transferId).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate ledger.entry cascade").update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger.account where id = :id").param("id", books.card().id().value()).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThat(ledger.transfer(posted.id()).entries()).hasSize(2);
    }

    @Test
    void databaseRefusesAnUnbalancedTransferAtCommitAndANegativeConstrainedBalance() {
        Books books = books();
        UUID transferId = UUID.randomUUID();
        // Written behind the facade's back: the deferred constraint trigger re-checks the balance at commit.
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into ledger.transfer (id, posting_key, description, posted_at) values (:id, :key, 'rogue', now())")
                    .param("id", transferId).param("key", key("rogue")).update();
            jdbc.sql("""
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    values (:t, :a, 100, 'CNY', now()), (:t, :b, -99, 'CNY', now())
                    """).param("t", transferId).param("a", books.clearing().id().value()).param("b", books.card().id().value())
                    .update();
        })).isInstanceOf(DataAccessException.class).hasStackTraceContaining("does not balance");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                jdbc.sql("insert into ledger.transfer (id, posting_key, description, posted_at) values (:id, :key, 'empty', now())")
                        .param("id", UUID.randomUUID()).param("key", key("rogue")).update()))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("at least two");
        assertThatThrownBy(() -> jdbc.sql("update ledger.balance set balance_minor = -1 where account_id = :id")
                .param("id", books.escrow().id().value()).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("balance_not_negative");
        assertThat(ledger.findTransfer("rogue")).isEmpty();
    }

    @Test
    void databaseRefusesAnEntryAddedToAPostedTransferThatUnbalancesItOrAHalfWrittenTransfer() {
        Books books = books();
        fund(books, 500);
        UUID posted = jdbc.sql("select id from ledger.transfer t where exists (select 1 from ledger.entry e"
                        + " where e.transfer_id = t.id and e.account_id = :card) limit 1")
                .param("card", books.card().id().value()).query(UUID.class).single();
        // checked per statement (not at commit): one more line on a posted transfer, however it is written
        assertThatThrownBy(() -> jdbc.sql("""
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                values (:t, :a, 7, 'CNY', now())
                """).param("t", posted).param("a", books.escrow().id().value()).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("does not balance");
        // a transfer's entries written in two statements: the first leaves it unbalanced, which is refused at once
        UUID rogue = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into ledger.transfer (id, posting_key, description, posted_at) values (:id, :key, 'rogue', now())")
                    .param("id", rogue).param("key", key("rogue")).update();
            jdbc.sql("insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)"
                    + " values (:t, :a, 100, 'CNY', now())").param("t", rogue).param("a", books.clearing().id().value()).update();
        })).isInstanceOf(DataAccessException.class).hasStackTraceContaining("at least two");
        assertThat(ledger.transfer(new TransferId(posted)).entries()).hasSize(2);
    }

    @Test
    void databaseRefusesABulkFlaggedTransferWhoseBalancedEntriesDoNotComeInItsOwnStatement() {
        Books books = books();
        // a header flagged entries_in_statement skips the deferred check at commit: its statement must carry its entries
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            UUID flagged = UUID.randomUUID();
            jdbc.sql("insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)"
                    + " values (:id, :key, 'flagged', now(), true)").param("id", flagged).param("key", key("flagged")).update();
            jdbc.sql("""
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    values (:t, :a, 100, 'CNY', now()), (:t, :b, -100, 'CNY', now())
                    """).param("t", flagged).param("a", books.clearing().id().value()).param("b", books.card().id().value())
                    .update();
        })).isInstanceOf(DataAccessException.class).hasStackTraceContaining("at least two");
        // with its entries in the same statement it stands (rolled back: written behind the balances' back)
        String together = key("flagged");
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    with header as (insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)
                                    values (gen_random_uuid(), :key, 'flagged', now(), true) returning id)
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    select h.id, x.account, x.amount, 'CNY', now()
                      from header h, (values (cast(:a as uuid), 100), (cast(:b as uuid), -100)) as x(account, amount)
                    """).param("key", together).param("a", books.clearing().id().value()).param("b", books.card().id().value())
                    .update();
            assertThat(ledger.findTransfer(together)).isPresent();
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> jdbc.sql("""
                with header as (insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)
                                values (gen_random_uuid(), :key, 'flagged', now(), true) returning id)
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                select h.id, :a, 100, 'CNY', now() from header h
                """).param("key", key("flagged")).param("a", books.clearing().id().value()).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("at least two");
    }

    @Test
    void databaseRefusesEntriesNamingAnUnknownAccountOrTransferOrAnAccountOfAnotherCurrency() {
        Books books = books();
        UUID clearing = books.clearing().id().value();
        UUID card = books.card().id().value();
        // the entries' references are checked per statement (V3_97_3), as their foreign keys did per row
        String unknownAccount = key("unknown-account");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
                with header as (insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)
                                values (gen_random_uuid(), :key, 'unknown account', now(), true) returning id)
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                select h.id, x.account, x.amount, 'CNY', now()
                  from header h, (values (cast(:a as uuid), 100), (gen_random_uuid(), -100)) as x(account, amount)
                """).param("key", unknownAccount).param("a", clearing).update()))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("does not exist");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
                with header as (insert into ledger.transfer (id, posting_key, description, posted_at, entries_in_statement)
                                values (gen_random_uuid(), :key, 'other currency', now(), true) returning id)
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                select h.id, x.account, 100 * x.sign, 'USD', now()
                  from header h, (values (cast(:a as uuid), 1), (cast(:b as uuid), -1)) as x(account, sign)
                """).param("key", key("other-currency")).param("a", clearing).param("b", card).update()))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("does not exist");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
                insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                select t, x.account, x.amount, 'CNY', now()
                  from gen_random_uuid() as t, (values (cast(:a as uuid), 100), (cast(:b as uuid), -100)) as x(account, amount)
                """).param("a", clearing).param("b", card).update()))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("does not exist");
        assertThat(ledger.findTransfer(unknownAccount)).isEmpty();
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void postsInsideTheCallersTransactionAndVanishesWithItsRollback() {
        Books books = books();
        String rolledBack = key("purchase");
        transactions.executeWithoutResult(status -> {
            ledger.post(NewTransfer.of(rolledBack, "purchase", debit(books.escrow().id(), fen(100)), credit(books.card().id(), fen(100))));
            status.setRollbackOnly();
        });
        assertThat(ledger.findTransfer(rolledBack)).isEmpty();
        assertThat(ledger.balance(books.escrow().id())).isEqualTo(fen(0));
        // A rejection does not doom the caller's transaction: it may go on and commit other postings.
        String committed = key("purchase");
        transactions.executeWithoutResult(status -> {
            assertThatThrownBy(() -> ledger.post(NewTransfer.of(key("payout"), "too much",
                    debit(books.clearing().id(), fen(1)), credit(books.escrow().id(), fen(1))))).isInstanceOf(Rejection.class);
            ledger.post(NewTransfer.of(committed, "purchase", debit(books.escrow().id(), fen(100)), credit(books.card().id(), fen(100))));
        });
        assertThat(ledger.findTransfer(committed)).isPresent();
        assertThat(ledger.balance(books.escrow().id())).isEqualTo(fen(100));
    }

    @Test
    void invariantsHoldAfterPostingsAndReversals() {
        Books books = books();
        fund(books, 4_200);
        InvariantReport report = ledger.checkInvariants();
        assertThat(report.invariants()).extracting(InvariantReport.Invariant::code).containsExactly(
                InvariantReport.TRANSFERS_BALANCE, InvariantReport.BALANCES_SUM_TO_ZERO,
                InvariantReport.CONSTRAINED_ACCOUNTS_NOT_NEGATIVE, InvariantReport.BALANCES_EQUAL_ENTRIES);
        assertThat(report.holds()).as(report.toString()).isTrue();
        assertThat(report.totals()).anySatisfy(totals -> {
            assertThat(totals.currency()).isEqualTo("CNY");
            assertThat(totals.balanceSum()).isEqualTo(fen(0));
            assertThat(totals.debits()).isEqualTo(totals.credits());
        });
        assertThat(List.of(report.checkedAt())).isNotEmpty();
    }
}
