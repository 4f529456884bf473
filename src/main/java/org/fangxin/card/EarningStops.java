package org.fangxin.card;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Merchants whose period passes stop earning (issue 13 item 2), e.g. protection: a merchant under a closure case earns
 * nothing after the freeze or the closing date the case names, so the investigation's days are not taken from the
 * consumers' compensation. Other modules implement it as a Spring bean; the daily release earns a stopped merchant's
 * passes only through the day before its stop (none → no merchant stopped).
 */
public interface EarningStops {

    /** Each stopped merchant with the instant its passes stop earning (that day and later days are not earned). */
    Map<UUID, Instant> stoppedMerchants();
}
