package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A request to a merchant to top up its risk deposit; resolved when a check finds it covered again. */
public record TopUpRequestView(UUID id, UUID merchantId, Money shortfall, Instant requestedAt, Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }
}
