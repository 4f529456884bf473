package org.fangxin.insurance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fangxin.compensation.CompensationCompleted;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.Closures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Recovery, first step: when a closure's compensation batch is done, the platform claims from the insurer what its
 * guarantee fund paid ({@code fundedLines}), dated on the day the closure was confirmed. Delivered at least once;
 * {@link Claims#file} answers a case's claim again instead of filing twice. A case the fund paid nothing of files nothing.
 * The trigger is CLOSURE_CONFIRMED unless an operator recorded a licence revocation or bankruptcy on the case that a
 * covering policy insures ({@link MerchantTriggers#triggerOf}).
 */
@Component
class ClaimFiler {

    private static final Logger log = LoggerFactory.getLogger(ClaimFiler.class);

    private final Claims claims;
    private final Closures cases;
    private final MerchantTriggers triggers;
    private final ZoneId zone;

    ClaimFiler(Claims claims, Closures cases, MerchantTriggers triggers,
               @Value("${fangxin.insurance.zone:Asia/Shanghai}") String zone) {
        this.claims = claims;
        this.cases = cases;
        this.triggers = triggers;
        this.zone = ZoneId.of(zone);
    }

    @ApplicationModuleListener
    void on(CompensationCompleted event) {
        List<NewClaim.Line> lines = event.fundedLines().stream()
                .filter(line -> line.fromGuaranteeFund().isPositive())
                .map(line -> new NewClaim.Line(line.cardId(), line.consumerId(), line.fromGuaranteeFund()))
                .toList();
        if (lines.isEmpty()) {
            return;
        }
        Instant confirmed = cases.find(event.caseId()).map(ClosureCaseView::decidedAt).orElse(event.at());
        LocalDate closedOn = LocalDate.ofInstant(confirmed, zone);
        // a licence revocation or bankruptcy recorded on the case files under that trigger when a covering policy insures it
        ClosureTrigger trigger = triggers.triggerOf(event.caseId(), event.merchantId(), closedOn);
        ClaimView claim = claims.file(new NewClaim(event.caseId(), event.merchantId(), trigger, closedOn, lines));
        log.info("closure case {}: claim {} {} for {}", event.caseId(), claim.claimNumber(), claim.status(), claim.claimed());
    }
}
