package org.fangxin.card;

import java.time.Instant;
import java.util.List;

/**
 * The escrow identity over one snapshot: per card {@code earned + refunded + transferredOut + unredeemed = paid},
 * unredeemed = its CARD_LIABILITY balance and advance outstanding ≤ unredeemed; per merchant
 * {@code ESCROW = Σ CARD_LIABILITY + Σ CONSUMER_REFUNDS_PAYABLE + MERCHANT_PAYABLE + MERCHANT_SETTLEMENT − MERCHANT_ADVANCE}
 * and Σ cards' advance outstanding = MERCHANT_ADVANCE. {@code violations} holds at most a bounded number of examples.
 */
public record EscrowIdentityReport(Instant checkedAt, boolean holds, long cardsChecked, long merchantsChecked,
                                   long violationCount, List<String> violations) {

    public EscrowIdentityReport {
        violations = List.copyOf(violations);
    }
}
