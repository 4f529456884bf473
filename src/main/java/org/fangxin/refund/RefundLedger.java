package org.fangxin.refund;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AdvanceClawback;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.refund.domain.RefundSplit;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The refund's postings (docs/ledger.md, "Refunds"), each under a deterministic key so a replay posts nothing twice:
 * {@code refund:<id>} turns the card's liability into a refund owed and what the merchant keeps; {@code clawback:<id>}
 * recovers an escrow shortfall left by an advance; {@code refund-paid:<id>} records the money leaving escrow.
 */
@Component
class RefundLedger {

    private final Ledger ledger;

    RefundLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Posts the refund of {@code refund} out of the surrendered card's unredeemed value; answers the split used. */
    RefundSplit postRefund(UUID refundId, CardView card, Money refund) {
        Money unredeemed = card.unredeemed();
        UUID merchant = card.merchantId();
        AccountId payable = account(AccountType.MERCHANT_PAYABLE, merchant, unredeemed);
        AccountId advance = account(AccountType.MERCHANT_ADVANCE, merchant, unredeemed);
        Money deposit = ledger.open(AccountType.RISK_DEPOSIT, merchant, unredeemed.currency()).normalBalance()
                .min(ledger.open(AccountType.RISK_DEPOSIT_HELD, merchant, unredeemed.currency()).normalBalance());
        Money payableBalance = ledger.open(AccountType.MERCHANT_PAYABLE, merchant, unredeemed.currency()).normalBalance();
        RefundSplit split = RefundSplit.of(unredeemed, refund, card.advanceOutstanding(), payableBalance, deposit);
        if (!unredeemed.isPositive()) {
            return split;
        }
        List<EntryLine> lines = new ArrayList<>();
        lines.add(EntryLine.debit(account(AccountType.CARD_LIABILITY, card.id(), unredeemed), unredeemed));
        if (refund.isPositive()) {
            lines.add(EntryLine.credit(account(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id(), unredeemed), refund));
        }
        if (split.advanceNetted().isPositive()) {
            lines.add(EntryLine.credit(advance, split.advanceNetted()));
        }
        if (split.payableCredit().isPositive()) {
            lines.add(EntryLine.credit(payable, split.payableCredit()));
        }
        ledger.post(new NewTransfer("refund:" + refundId, "refund of card " + card.id(), lines));
        AdvanceClawback clawback = new AdvanceClawback(merchant, split.clawedFromPayable(), split.clawedFromDeposit());
        if (clawback.total().isPositive()) {
            ledger.post(clawback.transfer(ledger, "clawback:" + refundId, "advance clawed back for refund " + refundId));
        }
        return split;
    }

    /** The provider paid the consumer: the refund owed leaves escrow. */
    void postPaid(UUID refundId, UUID cardId, UUID merchantId, Money refund) {
        ledger.post(NewTransfer.of("refund-paid:" + refundId, "refund " + refundId + " paid to the consumer",
                EntryLine.debit(account(AccountType.CONSUMER_REFUNDS_PAYABLE, cardId, refund), refund),
                EntryLine.credit(account(AccountType.ESCROW, merchantId, refund), refund)));
    }

    /** Escrow cash of the merchant not already on its way out to the merchant (payouts instructed, unconfirmed). */
    Money escrowFree(UUID merchantId, java.util.Currency currency) {
        Money escrow = ledger.open(AccountType.ESCROW, merchantId, currency).normalBalance();
        return escrow.minus(ledger.open(AccountType.MERCHANT_SETTLEMENT, merchantId, currency).normalBalance());
    }

    private AccountId account(AccountType type, UUID owner, Money currencyOf) {
        return ledger.open(type, owner, currencyOf.currency()).id();
    }
}
