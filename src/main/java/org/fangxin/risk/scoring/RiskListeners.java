package org.fangxin.risk.scoring;

import org.fangxin.merchant.MerchantApproved;
import org.fangxin.merchant.MerchantBusinessFactsChanged;
import org.fangxin.merchant.MerchantComplianceFlagsChanged;
import org.fangxin.merchant.MerchantStoreLeaseChanged;
import org.fangxin.protection.ClosureSuspected;
import org.fangxin.risk.RiskScores;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Re-rates a merchant after a relevant event commits (nightly ratings catch everything else): approval (its first
 * rating and terms), compliance flags (a list hit from a feed or an operator), a lease or business facts changed, a
 * closure suspicion. Rating the same day again replaces the day's score and raises no alert twice.
 */
@Component
class RiskListeners {

    private final RiskScores scores;

    RiskListeners(RiskScores scores) {
        this.scores = scores;
    }

    @ApplicationModuleListener
    void on(MerchantApproved event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantComplianceFlagsChanged event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantStoreLeaseChanged event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantBusinessFactsChanged event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ClosureSuspected event) {
        scores.rate(event.merchantId());
    }
}
