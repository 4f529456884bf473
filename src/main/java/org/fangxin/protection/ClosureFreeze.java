package org.fangxin.protection;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.EarningStops;
import org.fangxin.card.SalesBlocks;
import org.springframework.stereotype.Component;

/**
 * What protection blocks in the card module: prepaid sales of a merchant with an open closure case or an under-covered
 * deposit (via {@link Deposits#maySell}), and the earning of its passes after the case's stop (issue 13 item 2). The
 * merchant's payable is held meanwhile by the compensation module, which needs it for the set-off against the advance.
 */
@Component
class ClosureFreeze implements SalesBlocks, EarningStops {

    private final Deposits deposits;
    private final Closures closures;

    ClosureFreeze(Deposits deposits, Closures closures) {
        this.deposits = deposits;
        this.closures = closures;
    }

    @Override
    public Map<UUID, Instant> stoppedMerchants() {
        return closures.earningStops();
    }

    @Override
    public Optional<String> reasonToRefuse(UUID merchantId) {
        return deposits.maySell(merchantId);
    }
}
