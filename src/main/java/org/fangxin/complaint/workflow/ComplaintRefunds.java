package org.fangxin.complaint.workflow;

import org.fangxin.complaint.Agreements;
import org.fangxin.refund.RefundPaid;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A refund that carries out an agreement was paid: the case closes (delivered at least once; a repeat changes nothing). */
@Component
class ComplaintRefunds {

    private final Agreements agreements;

    ComplaintRefunds(Agreements agreements) {
        this.agreements = agreements;
    }

    @ApplicationModuleListener
    void on(RefundPaid event) {
        agreements.refundPaid(event.refundId());
    }
}
