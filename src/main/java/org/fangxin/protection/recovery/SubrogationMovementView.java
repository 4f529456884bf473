package org.fangxin.protection.recovery;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A recovery from the merchant (or its liquidator) or a write-off of the subrogation receivable of a closure case. */
public record SubrogationMovementView(UUID id, UUID caseId, UUID merchantId, Kind kind, Money amount, String note,
                                      String recordedBy, Instant recordedAt, String postingKey) {

    public enum Kind { RECOVERY, WRITE_OFF }
}
