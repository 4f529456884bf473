package org.fangxin.card;

import java.util.Optional;
import java.util.UUID;

/**
 * Reasons outside the merchant module why a merchant may not sell prepaid cards now (e.g. protection: an open closure
 * case or an under-covered risk deposit). Other modules implement it as a Spring bean, so the card module need not
 * depend on them; a purchase is refused when any bean gives a reason (none → no extra block).
 */
public interface SalesBlocks {

    /** Empty when this source does not block the merchant, otherwise the reason. */
    Optional<String> reasonToRefuse(UUID merchantId);
}
