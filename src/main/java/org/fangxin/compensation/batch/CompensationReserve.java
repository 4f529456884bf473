package org.fangxin.compensation.batch;

import java.util.Currency;
import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.protection.Closures;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * While a merchant's closure case is open (SUSPECTED or CONFIRMED), settlement holds its whole payable: a confirmed
 * closure sets that payable off against the merchant's advance, so the money must still be in escrow for its
 * consumers' compensation.
 */
@Component
class CompensationReserve implements PayoutHolds {

    private final Closures closures;
    private final CompensationPostings postings;

    CompensationReserve(Closures closures, CompensationPostings postings) {
        this.closures = closures;
        this.postings = postings;
    }

    @Override
    public Money heldFor(UUID merchantId, Currency currency) {
        if (closures.freezingCase(merchantId).isEmpty()) {
            return Money.zero(currency);
        }
        Money payable = postings.balance(AccountType.MERCHANT_PAYABLE, merchantId, currency);
        return payable.isPositive() ? payable : Money.zero(currency);
    }
}
