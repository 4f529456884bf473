package org.fangxin.insurance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The premium of one policy for one month and its split among the payers; {@code merchantDue} is the part of the
 * merchants' share that could not be taken from their payable and is owed by them. Lines are per covered merchant.
 */
public record PremiumBillView(UUID id, UUID policyId, String policyNumber, UUID insurerId, YearMonth period,
                              Money premium, Money merchantShare, Money platformShare, Money governmentShare,
                              Money merchantDue, Instant billedAt, List<Line> lines) {

    public PremiumBillView {
        lines = List.copyOf(lines);
    }

    /** Whether the merchant's share of a line was booked against its payable, is owed (DUE), or was zero (NONE). */
    public enum MerchantShareStatus { POSTED, DUE, NONE }

    public record Line(UUID merchantId, String sector, RiskTier tier, int rateBps, Money exposure, Money insured,
                       Money premium, Money merchantShare, Money platformShare, Money governmentShare,
                       MerchantShareStatus merchantStatus) { }
}
