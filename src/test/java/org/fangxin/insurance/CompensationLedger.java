package org.fangxin.insurance;

import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;

import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;

/**
 * Posts, for tests, the ledger state a finished compensation batch leaves (docs/ledger.md, closure contract) for a
 * card paid entirely by the guarantee fund: the card bought and advanced, the fund topped up, then
 * {@code compensation:<case>:<card>} and {@code compensation-paid:<case>:<card>} with the fund part f moved to
 * SUBROGATION_RECEIVABLE(merchant). So claims find a receivable to move to the insurer.
 */
public final class CompensationLedger {

    private final Ledger ledger;

    public CompensationLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A new card of the merchant whose unredeemed {@code fundFen} the guarantee fund paid in case {@code caseId}. */
    public UUID fundPaid(UUID caseId, UUID merchantId, long fundFen) {
        UUID card = UUID.randomUUID();
        Money f = Money.fen(fundFen);
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        var liability = ledger.open(AccountType.CARD_LIABILITY, card, Money.CNY).id();
        var advance = ledger.open(AccountType.MERCHANT_ADVANCE, merchantId, Money.CNY).id();
        var settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, merchantId, Money.CNY).id();
        var fund = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).id();
        var equity = ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id();
        var subrogation = ledger.open(AccountType.SUBROGATION_RECEIVABLE, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("purchase:" + card, "test purchase", debit(clearing, f), credit(liability, f)));
        // the whole payment was advanced to the merchant and has left escrow: nothing of it is left to pay from
        ledger.post(NewTransfer.of("advance:" + card, "test advance", debit(advance, f), credit(settlement, f)));
        ledger.post(NewTransfer.of("fund-top-up:" + card, "test top-up", debit(fund, f), credit(equity, f)));
        ledger.post(NewTransfer.of("compensation-paid:" + caseId + ":" + card, "test compensation paid",
                debit(liability, f), credit(fund, f), debit(subrogation, f), credit(advance, f)));
        return card;
    }

    /** A new card of the merchant whose unredeemed {@code fen} escrow paid in full in case {@code caseId} (no fund part). */
    public UUID escrowPaid(UUID caseId, UUID merchantId, long fen) {
        UUID card = UUID.randomUUID();
        Money f = Money.fen(fen);
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        var liability = ledger.open(AccountType.CARD_LIABILITY, card, Money.CNY).id();
        var escrow = ledger.open(AccountType.ESCROW, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("purchase:" + card, "test purchase", debit(clearing, f), credit(liability, f)));
        ledger.post(NewTransfer.of("escrow-funding:" + card, "test funding", debit(escrow, f), credit(clearing, f)));
        ledger.post(NewTransfer.of("compensation-paid:" + caseId + ":" + card, "test compensation paid",
                debit(liability, f), credit(escrow, f)));
        return card;
    }

    public Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }
}
