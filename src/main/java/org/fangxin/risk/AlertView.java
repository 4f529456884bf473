package org.fangxin.risk;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A risk alert for operators and the regulators whose region and sector cover the merchant: what happened, when, and
 * by when it must be acknowledged. {@code detail} is the raw detail with codes (list and reference, factor value), for
 * machines; {@code detailArgs} are the arguments of the message {@link #detailKey()} (an argument {@code msg:<key>} names
 * a message, shared.web.StoredText), which pages show in the reader's language, as they show {@code kind},
 * {@code fromTier}/{@code toTier} and {@code factor}; the API adds {@code detailText}, the detail in the caller's
 * language (null from the facade).
 */
public record AlertView(UUID id, UUID merchantId, String merchantName, AlertKind kind, String detail,
                        List<String> detailArgs, RiskTier fromTier,
                        RiskTier toTier, String factor, String regionCode, String sector, Instant raisedAt,
                        Instant acknowledgeBy, Instant acknowledgedAt, String acknowledgedBy, String acknowledgementNote,
                        String detailText) {

    public AlertView {
        detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
    }

    /** The same alert with its detail rendered for the reader. */
    public AlertView withDetailText(String text) {
        return new AlertView(id, merchantId, merchantName, kind, detail, detailArgs, fromTier, toTier, factor, regionCode,
                sector, raisedAt, acknowledgeBy, acknowledgedAt, acknowledgedBy, acknowledgementNote, text);
    }

    /** The message key of the detail: {@code risk.alert.detail.<kind>}. */
    public String detailKey() {
        return "risk.alert.detail." + kind;
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** Not acknowledged and past its deadline at {@code now}. */
    public boolean overdue(Instant now) {
        return acknowledgedAt == null && now.isAfter(acknowledgeBy);
    }
}
