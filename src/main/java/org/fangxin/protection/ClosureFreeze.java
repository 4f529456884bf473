package org.fangxin.protection;

import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.SalesBlocks;
import org.springframework.stereotype.Component;

/**
 * What protection blocks in the card module: prepaid sales of a merchant with an open closure case or an under-covered
 * deposit (via {@link Deposits#maySell}). The merchant's payable is held meanwhile by the compensation module, which
 * needs it for the set-off against the advance.
 */
@Component
class ClosureFreeze implements SalesBlocks {

    private final Deposits deposits;

    ClosureFreeze(Deposits deposits) {
        this.deposits = deposits;
    }

    @Override
    public Optional<String> reasonToRefuse(UUID merchantId) {
        return deposits.maySell(merchantId);
    }
}
