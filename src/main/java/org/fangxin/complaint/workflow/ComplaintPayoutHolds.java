package org.fangxin.complaint.workflow;

import java.util.Currency;
import java.util.UUID;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement withholds, per merchant, what open complaints about refunds dispute (at most the refund's unredeemed value
 * each), so an agreed refund's clawback still finds the merchant's payable. A complaint about a redemption holds that
 * redemption through the card's own dispute hold instead.
 */
@Component
class ComplaintPayoutHolds implements PayoutHolds {

    private final CaseRepository cases;

    ComplaintPayoutHolds(CaseRepository cases) {
        this.cases = cases;
    }

    @Override
    @Transactional(readOnly = true)
    public Money heldFor(UUID merchantId, Currency currency) {
        return new Money(cases.payoutHeld(merchantId, currency.getCurrencyCode()), currency);
    }
}
