package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A deposit lodged by, or returned to, a merchant, with the ledger posting key that moved the money. */
public record DepositView(UUID id, UUID merchantId, Kind kind, Money amount, String reference, String postingKey,
                          Instant recordedAt, String recordedBy) {

    public enum Kind { LODGED, RETURNED }
}
