package org.fangxin.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Part of a merchant's advance taken back because the card it was advanced on no longer holds that much value (a
 * refund, a subrogation). The order is fixed: the merchant's payable first, then its risk deposit, whose cash moves
 * from the held deposit into escrow; what neither covers stays owed in MERCHANT_ADVANCE. One rule for every caller, so
 * a refund and a subrogation never recover the same advance differently.
 */
public record AdvanceClawback(UUID merchantId, Money fromPayable, Money fromDeposit) {

    /** Splits {@code excess} over what the payable and the usable deposit hold (negative balances count as nothing). */
    public static AdvanceClawback split(UUID merchantId, Money excess, Money payable, Money deposit) {
        Money zero = Money.zero(excess.currency());
        Money fromPayable = excess.min(payable.max(zero)).max(zero);
        Money fromDeposit = excess.minus(fromPayable).min(deposit.max(zero)).max(zero);
        return new AdvanceClawback(merchantId, fromPayable, fromDeposit);
    }

    public Money total() {
        return fromPayable.plus(fromDeposit);
    }

    /** The balanced transfer that recovers {@link #total()} into MERCHANT_ADVANCE; call only when it is positive. */
    public NewTransfer transfer(Ledger ledger, String postingKey, String description) {
        List<EntryLine> lines = new ArrayList<>();
        if (fromPayable.isPositive()) {
            lines.add(EntryLine.debit(account(ledger, AccountType.MERCHANT_PAYABLE), fromPayable));
        }
        if (fromDeposit.isPositive()) {
            lines.add(EntryLine.debit(account(ledger, AccountType.RISK_DEPOSIT), fromDeposit));
            lines.add(EntryLine.debit(account(ledger, AccountType.ESCROW), fromDeposit));
            lines.add(EntryLine.credit(account(ledger, AccountType.RISK_DEPOSIT_HELD), fromDeposit));
        }
        lines.add(EntryLine.credit(account(ledger, AccountType.MERCHANT_ADVANCE), total()));
        return new NewTransfer(postingKey, description, lines);
    }

    private AccountId account(Ledger ledger, AccountType type) {
        return ledger.open(type, merchantId, fromPayable.currency()).id();
    }
}
