package org.fangxin.complaint.workflow;

import java.util.List;
import org.fangxin.complaint.MediationFailed;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.ClosureTrigger;
import org.fangxin.insurance.NewClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The insurance path (the Kaifeng model): when a case fails, the platform files a claim with trigger MEDIATION_FAILED
 * for the consumer's loss on the card, against the policy that covers the merchant on the failure day and has that
 * trigger; the insurer then decides line by line and pays the consumer directly. Delivered at least once; the claim is
 * one per case ({@link Claims#file} answers it again). A case without a card or an amount files nothing.
 */
@Component
class ComplaintInsurance {

    private static final Logger log = LoggerFactory.getLogger(ComplaintInsurance.class);

    private final Claims claims;
    private final CaseRepository cases;

    ComplaintInsurance(Claims claims, CaseRepository cases) {
        this.claims = claims;
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(MediationFailed event) {
        if (event.cardId() == null || event.claimed() == null || !event.claimed().isPositive()) {
            return;
        }
        ClaimView claim = claims.file(new NewClaim(event.complaintId(), event.merchantId(), ClosureTrigger.MEDIATION_FAILED,
                event.failedOn(), List.of(new NewClaim.Line(event.cardId(), event.consumerId(), event.claimed()))));
        cases.setClaim(event.complaintId(), claim.id());
        log.info("complaint {}: claim {} {} for {}", event.caseNumber(), claim.claimNumber(), claim.status(), claim.claimed());
    }
}
