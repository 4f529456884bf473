package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;

class TransferRulesTests {

    private static final AccountId A = new AccountId(UUID.randomUUID());
    private static final AccountId B = new AccountId(UUID.randomUUID());
    private static final AccountId C = new AccountId(UUID.randomUUID());
    private static final AccountId D = new AccountId(UUID.randomUUID());
    private static final Currency USD = Currency.getInstance("USD");

    private static ProblemType refusal(NewTransfer transfer) {
        try {
            TransferRules.validate(transfer);
        } catch (Rejection rejection) {
            return rejection.type();
        }
        return null;
    }

    @Test
    void acceptsABalancedTransfer() {
        assertThatCode(() -> TransferRules.validate(NewTransfer.of("k:1", "d", debit(A, fen(5)), credit(B, fen(3)),
                credit(C, fen(2))))).doesNotThrowAnyException();
    }

    @Test
    void acceptsATransferBalancedInEachOfTwoCurrencies() {
        Money dollars = new Money(7, USD);
        assertThatCode(() -> TransferRules.validate(NewTransfer.of("fx:1", "d", debit(A, fen(5)), credit(B, fen(5)),
                debit(C, dollars), credit(D, dollars)))).doesNotThrowAnyException();
    }

    @Test
    void refusesATransferUnbalancedInOneCurrencyEvenIfTheTotalIsZero() {
        assertThat(refusal(NewTransfer.of("fx:2", "d", debit(A, fen(5)), credit(B, new Money(5, USD)))))
                .isEqualTo(LedgerProblems.UNBALANCED);
    }

    @Test
    void refusesTooFewOrTooManyLines() {
        assertThat(refusal(new NewTransfer("k", "d", List.of(new EntryLine(A, fen(0)))))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
        List<EntryLine> many = new ArrayList<>();
        for (int i = 0; i < TransferRules.LINES_MAX + 1; i++) {
            many.add(new EntryLine(new AccountId(UUID.randomUUID()), fen(i % 2 == 0 ? 1 : -1)));
        }
        assertThat(refusal(new NewTransfer("k", "d", many))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
    }

    @Test
    void refusesZeroAmountsRepeatedAccountsAndBadKeys() {
        assertThat(refusal(new NewTransfer("k", "d", List.of(new EntryLine(A, fen(0)), new EntryLine(B, fen(0))))))
                .isEqualTo(LedgerProblems.INVALID_TRANSFER);
        assertThat(refusal(NewTransfer.of("k", "d", debit(A, fen(1)), credit(A, fen(1))))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
        assertThat(refusal(NewTransfer.of("has space", "d", debit(A, fen(1)), credit(B, fen(1))))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
        assertThat(refusal(NewTransfer.of("", "d", debit(A, fen(1)), credit(B, fen(1))))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
        assertThat(refusal(NewTransfer.of("k", " ", debit(A, fen(1)), credit(B, fen(1))))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
        assertThat(refusal(NewTransfer.of("k", "d", debit(A, fen(TransferRules.AMOUNT_MINOR_MAX + 1)),
                credit(B, fen(TransferRules.AMOUNT_MINOR_MAX + 1))))).isEqualTo(LedgerProblems.INVALID_TRANSFER);
    }

    @Test
    void debitAndCreditTakePositiveAmounts() {
        assertThatThrownBy(() -> debit(A, fen(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credit(A, fen(0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(credit(A, fen(3)).amount()).isEqualTo(fen(-3));
        assertThat(credit(A, fen(3)).side()).isEqualTo(Side.CREDIT);
    }

    @Test
    void comparesContentRegardlessOfLineOrderAndNamesTheDifference() {
        List<EntryLine> posted = List.of(debit(A, fen(5)), credit(B, fen(5)));
        assertThat(TransferRules.difference(posted, List.of(credit(B, fen(5)), debit(A, fen(5))))).isEmpty();
        assertThat(TransferRules.difference(posted, List.of(debit(A, fen(6)), credit(B, fen(6)))))
                .hasValueSatisfying(text -> assertThat(text).contains(A.toString()).contains("5").contains("6"));
        assertThat(TransferRules.difference(posted, List.of(debit(A, fen(5)), credit(C, fen(5)))))
                .hasValueSatisfying(text -> assertThat(text).contains(B + " (").contains(C.toString()));
    }

    @Test
    void mirrorUndoesEveryLine() {
        List<EntryLine> lines = List.of(debit(A, fen(5)), credit(B, fen(3)), credit(C, fen(2)));
        List<EntryLine> mirror = TransferRules.mirror(lines);
        assertThat(mirror).containsExactly(credit(A, fen(5)), debit(B, fen(3)), debit(C, fen(2)));
        assertThatCode(() -> TransferRules.validate(new NewTransfer("m", "d", mirror))).doesNotThrowAnyException();
    }

    @Test
    void chartPutsAssetsAndExpensesOnTheDebitSide() {
        for (AccountType type : AccountType.values()) {
            Side expected = switch (type.category()) {
                case ASSET, EXPENSE -> Side.DEBIT;
                case LIABILITY, EQUITY, INCOME -> Side.CREDIT;
            };
            assertThat(type.normalSide()).as(type.name()).isEqualTo(expected);
        }
        assertThat(Side.CREDIT.normal(-300)).isEqualTo(300);
        assertThat(Side.DEBIT.normal(-300)).isEqualTo(-300);
    }
}
