package org.fangxin.bank.reconciliation;

import org.fangxin.merchant.MerchantApproved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Numbers a merchant's escrow and deposit sub-accounts when it is approved, in the approval's transaction (so every
 * approved merchant has them, and the audit entry names the approving operator). Before, they were numbered on the
 * first read, and opening the bank portal recorded an assignment in the viewer's name.
 */
@Component
class SubAccountAssignment {

    private final Reconciliations reconciliations;

    SubAccountAssignment(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @EventListener
    void on(MerchantApproved event) {
        reconciliations.assignSubAccount(event.merchantId(), event.approvedAt());
    }
}
