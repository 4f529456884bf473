package org.fangxin.bank.portal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The regulator's view of one day's reconciliation certificate, per region: how many merchants' sub-accounts are
 * certified (GREEN), differ with open breaks (OPEN_BREAKS), differ without an open break (MISMATCH), or have no
 * statement for the day (MISSING).
 */
public record RegionCertificateStatus(LocalDate date, String regionCode, int green, int openBreaks, int mismatch,
                                      int missing, List<MerchantLine> merchants) {

    public RegionCertificateStatus {
        merchants = List.copyOf(merchants);
    }

    public enum State { GREEN, OPEN_BREAKS, MISMATCH, MISSING }

    /** {@code bank}: the custodian bank the merchant's sub-accounts are at, whose certificate the state comes from. */
    public record MerchantLine(UUID merchantId, String merchantName, String sector, String escrowSubAccount, State state,
                               int openBreaks, String bank) { }
}
