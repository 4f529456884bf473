package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/**
 * A risk alert for operators and the regulators whose region and sector cover the merchant: what happened, when, and
 * by when it must be acknowledged. {@code detail} is the raw detail (list and reference, factor value); pages show
 * {@code kind}, {@code fromTier}/{@code toTier} and {@code factor} in the reader's language.
 */
public record AlertView(UUID id, UUID merchantId, String merchantName, AlertKind kind, String detail, RiskTier fromTier,
                        RiskTier toTier, String factor, String regionCode, String sector, Instant raisedAt,
                        Instant acknowledgeBy, Instant acknowledgedAt, String acknowledgedBy, String acknowledgementNote) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** Not acknowledged and past its deadline at {@code now}. */
    public boolean overdue(Instant now) {
        return acknowledgedAt == null && now.isAfter(acknowledgeBy);
    }
}
