package org.fangxin.protection;

import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.SalesBlocks;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * What protection blocks in other modules: prepaid sales (an open closure case or an under-covered deposit, via
 * {@link Deposits#maySell}) and, while a closure case is open, the merchant's whole payable (the money must stay
 * available for consumers' compensation).
 */
@Component
class ClosureFreeze implements SalesBlocks, PayoutHolds {

    private final Deposits deposits;
    private final Closures closures;
    private final Ledger ledger;

    ClosureFreeze(Deposits deposits, Closures closures, Ledger ledger) {
        this.deposits = deposits;
        this.closures = closures;
        this.ledger = ledger;
    }

    @Override
    public Optional<String> reasonToRefuse(UUID merchantId) {
        return deposits.maySell(merchantId);
    }

    @Override
    public Money heldFor(UUID merchantId, Currency currency) {
        if (closures.freezingCase(merchantId).isEmpty()) {
            return Money.zero(currency);
        }
        Money payable = ledger.findAccount(AccountType.MERCHANT_PAYABLE, merchantId, currency)
                .map(AccountView::normalBalance).orElse(Money.zero(currency));
        return payable.isPositive() ? payable : Money.zero(currency);
    }
}
