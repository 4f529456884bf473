package org.fangxin.card.lifecycle;

import java.util.Currency;
import java.util.UUID;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/** Settlement withholds the net payable of disputed redemptions until an operator decides the dispute. */
@Component
class DisputedRedemptionHolds implements PayoutHolds {

    private final RedemptionDesk redemptions;

    DisputedRedemptionHolds(RedemptionDesk redemptions) {
        this.redemptions = redemptions;
    }

    @Override
    public Money heldFor(UUID merchantId, Currency currency) {
        return redemptions.heldFor(merchantId, currency);
    }
}
