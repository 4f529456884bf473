package org.fangxin.oversight;

import java.util.List;
import java.util.UUID;
import org.fangxin.complaint.ComplaintStatistics;
import org.fangxin.protection.ClosureNoticeView;
import org.fangxin.shared.Money;

/**
 * What anyone may know of a merchant (the public lookup): who it is, where (region by name), its status, how its
 * customers' prepaid money is protected on the latest snapshot, its complaint statistic (counts only) and every
 * closure notice. {@code protection} is null for a merchant no snapshot has seen yet.
 */
public record PublicMerchantView(UUID merchantId, String legalName, String creditCode, String regionName, String sector,
                                 String status, Protection protection, ComplaintStatistics complaints,
                                 List<ClosureNoticeView> closures) {

    /**
     * Escrow ratio: the share of outstanding prepaid value held in the bank's escrow (null when none is outstanding);
     * the risk deposit lodged; the insured cover. (The platform's first compensation on a closure, 跑路赔, stands
     * behind every merchant of the platform: the page says so, it is no per-merchant figure.)
     */
    public record Protection(java.time.LocalDate asOf, Double escrowRatio, Money deposit, Money insured) { }

    /** A search hit. */
    public record Hit(UUID merchantId, String legalName, String creditCode, String regionName, String sector, String status) { }
}
