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
 * force that cover it, whether the platform's first-pay compensation (跑路赔) applies, and its complaint figures.
 * The ratio is the one evaluation of the rules module for the merchant's adult products; a product's page and card show
 * what a purchase of that product keeps ({@code catalog.Products.supervisionRatio}). {@code tier} is the risk tier in
 * force (A best to D; null while the merchant is not rated) and {@code trusted} whether it holds the 放心商户 badge
 * (risk.RiskBadges).
 */
public record MerchantProtectionView(UUID merchantId, String merchantName, Sector sector, String regionCode,
                                     int supervisionRatioBp, String custodyAccount, Money deposit, Money exposure,
                                     List<Policy> policies, boolean firstPay, String tier, boolean trusted,
                                     ComplaintStats complaints) {

    public MerchantProtectionView {
        policies = List.copyOf(policies);
    }

    /** A closure-insurance policy in force that covers the merchant. */
    public record Policy(String policyNumber, String insurerName, String productName, Money perMerchantLimit,
                         Money perConsumerLimit, LocalDate endsOn) { }

    /** The merchant's public complaint figures (complaint module): filed, still open, closed by an agreement carried out. */
    public record ComplaintStats(long received, long open, long resolved) { }

    /** The same merchant's view with the ratio a particular product keeps (a contract may promise more than the rule). */
    public MerchantProtectionView withRatio(int bp) {
        return bp == supervisionRatioBp ? this : new MerchantProtectionView(merchantId, merchantName, sector, regionCode, bp,
                custodyAccount, deposit, exposure, policies, firstPay, tier, trusted, complaints);
    }

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
