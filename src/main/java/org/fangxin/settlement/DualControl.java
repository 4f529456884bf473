package org.fangxin.settlement;

import org.fangxin.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The dual-control settings: payouts above {@code fangxin.settlement.dual-control.threshold-yuan} (default 50,000 yuan;
 * 0 puts every payout under dual control) need a second operator's approval, and the bank's too when
 * {@code fangxin.settlement.dual-control.bank-approval} is true.
 */
@Component
public class DualControl {

    private final Money threshold;
    private final boolean bankApprovalRequired;

    DualControl(@Value("${fangxin.settlement.dual-control.threshold-yuan:50000}") long thresholdYuan,
                @Value("${fangxin.settlement.dual-control.bank-approval:false}") boolean bankApprovalRequired) {
        if (thresholdYuan < 0) {
            throw new IllegalArgumentException("fangxin.settlement.dual-control.threshold-yuan must not be negative");
        }
        this.threshold = Money.yuan(thresholdYuan);
        this.bankApprovalRequired = bankApprovalRequired;
    }

    public Money threshold() {
        return threshold;
    }

    public boolean bankApprovalRequired() {
        return bankApprovalRequired;
    }

    /** Strictly above the threshold (in the threshold's currency, CNY) needs approval. */
    public boolean requiresApproval(Money amount) {
        return amount.currency().equals(threshold.currency()) && amount.compareTo(threshold) > 0;
    }
}
