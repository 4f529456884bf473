package org.fangxin.protection;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.EarningStops;
import org.springframework.stereotype.Component;

/**
 * What protection stops in the card module: the earning of a closing merchant's passes after the case's stop (issue 13
 * item 2). Its prepaid sales are blocked through the published view protection.sales_block (an open closure case or an
 * under-covered deposit, as {@link Deposits#maySell}). The merchant's payable is held meanwhile by the compensation
 * module, which needs it for the set-off against the advance.
 */
@Component
class ClosureFreeze implements EarningStops {

    private final Closures closures;

    ClosureFreeze(Closures closures) {
        this.closures = closures;
    }

    @Override
    public Map<UUID, Instant> stoppedMerchants() {
        return closures.earningStops();
    }
}
