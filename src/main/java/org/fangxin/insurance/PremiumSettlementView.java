package org.fangxin.insurance;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * What became of a premium bill's money: the government subsidy received (when the bill has a government share) and the
 * remittance of the whole premium to the insurer. Nulls: not yet.
 */
public record PremiumSettlementView(UUID billId, Money governmentShare, Money merchantDue, Instant subsidyReceivedAt,
                                    String subsidyReference, Instant remittedAt, String remittanceReference,
                                    Money remitted) {

    public boolean subsidyOutstanding() {
        return governmentShare.isPositive() && subsidyReceivedAt == null;
    }

    public boolean remittable() {
        return remittedAt == null && !merchantDue.isPositive() && !subsidyOutstanding();
    }
}
