package org.fangxin.storefront;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;

/**
 * How a purchase from this merchant is protected, with the figures in force now: the supervision ratio of its rule
 * table row ({@code supervisionRatioBp} of 10000 stays in escrow; the rest may be advanced), the escrow (custody)
 * account at the custodian bank, the risk deposit lodged, the merchant's advance exposure, the insurance policies in
 * force that cover it, and whether the platform's first-pay compensation (跑路赔) applies. {@code tier} and
 * {@code complaints} are null until the risk and complaint modules provide them.
 */
public record MerchantProtectionView(UUID merchantId, String merchantName, Sector sector, String regionCode,
                                     int supervisionRatioBp, String custodyAccount, Money deposit, Money exposure,
                                     List<Policy> policies, boolean firstPay, String tier, ComplaintStats complaints) {

    public MerchantProtectionView {
        policies = List.copyOf(policies);
    }

    /** A closure-insurance policy in force that covers the merchant. */
    public record Policy(String policyNumber, String insurerName, String productName, Money perMerchantLimit,
                         Money perConsumerLimit, LocalDate endsOn) { }

    /** Complaint statistics of the merchant (from the complaint module, when it exists). */
    public record ComplaintStats(int received, int resolved) { }

    public boolean insured() {
        return !policies.isEmpty();
    }

    public boolean fullyEscrowed() {
        return supervisionRatioBp >= 10_000;
    }

    /** The ratio as a percentage for people: 40, 100 or 37.50. */
    public String supervisionPercent() {
        return supervisionRatioBp % 100 == 0 ? Integer.toString(supervisionRatioBp / 100)
                : String.format(java.util.Locale.ROOT, "%d.%02d", supervisionRatioBp / 100, supervisionRatioBp % 100);
    }
}
