package org.fangxin.oversight;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * One merchant's quarterly statement (docs/oversight.md): flows over the quarter (sold, redeemed, refunded, complaints)
 * and positions at its last daily snapshot (outstanding, escrow held, advance, risk deposit); the tier as rated then
 * (null: not rated).
 */
public record QuarterlyStatement(String quarter, UUID merchantId, String legalName, String regionCode, String regionName,
                                 String sector, Money sold, Money redeemed, long refunds, Money refunded,
                                 Money outstanding, Money escrow, Money advance, Money deposit, long complaints,
                                 String tier) {

    /** The statement with its region's name in the caller's language. */
    public QuarterlyStatement named(String name) {
        return new QuarterlyStatement(quarter, merchantId, legalName, regionCode, name, sector, sold, redeemed, refunds,
                refunded, outstanding, escrow, advance, deposit, complaints, tier);
    }
}
