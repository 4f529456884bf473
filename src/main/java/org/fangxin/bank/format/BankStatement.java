package org.fangxin.bank.format;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;

/**
 * One account's statement for a period (usually a day): opening and closing booked balances and the booked lines.
 *
 * @param statementId the bank's id of the statement (camt Stmt/Id, or given for CSV files)
 */
public record BankStatement(String statementId, String accountNumber, LocalDate fromDate, LocalDate toDate,
                            Money openingBalance, Money closingBalance, List<StatementLine> lines) {

    public BankStatement {
        Objects.requireNonNull(statementId, "statementId");
        Objects.requireNonNull(accountNumber, "accountNumber");
        lines = List.copyOf(lines);
    }

    /** Sum of the lines, credits positive. */
    public Money movement() {
        Money sum = Money.zero(openingBalance.currency());
        for (StatementLine line : lines) {
            sum = sum.plus(line.signedAmount());
        }
        return sum;
    }

    /** Whether opening balance plus the lines gives the closing balance; a statement that does not is incomplete. */
    public boolean balancesAddUp() {
        return openingBalance.plus(movement()).equals(closingBalance);
    }
}
