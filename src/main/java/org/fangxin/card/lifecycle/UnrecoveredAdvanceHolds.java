package org.fangxin.card.lifecycle;

import java.util.Currency;
import java.util.UUID;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * Settlement withholds as much payable as the merchant still owes in advance that refunds could not claw back: that
 * advance left escrow for good, so paying out the payable too would leave escrow unable to fund the refunds owed and
 * the payouts in flight (docs/ledger.md, "Escrow identity"). Recovering the debt itself is an operator's (later the
 * protection module's) task.
 */
@Component
class UnrecoveredAdvanceHolds implements PayoutHolds {

    private final CardRepository cards;

    UnrecoveredAdvanceHolds(CardRepository cards) {
        this.cards = cards;
    }

    @Override
    public Money heldFor(UUID merchantId, Currency currency) {
        long unrecovered = cards.advanceUnrecovered(merchantId).getOrDefault(merchantId + "/" + currency.getCurrencyCode(), 0L);
        return new Money(unrecovered, currency);
    }
}
