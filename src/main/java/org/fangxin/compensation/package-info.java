/**
 * Compensation (平台先行赔付): the platform pays a confirmed closure's consumers first. A batch per case holds the
 * merchant's live cards, sets the earned payable off against the advance, splits each card's unredeemed value into
 * escrow → risk deposit → guarantee fund, and pays every line by refund to the original payment, by a manual payout or
 * by takeover to a successor merchant; it completes with {@link org.fangxin.compensation.CompensationCompleted}. While a
 * closure case is open it holds the merchant's payouts. Invariant per line: escrow + deposit + fund = unredeemed value.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "ledger", "card", "payment", "notification", "protection",
                "settlement"})
package org.fangxin.compensation;
