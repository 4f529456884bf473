package org.fangxin.risk.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fangxin.merchant.MerchantView;
import org.fangxin.risk.AlertKind;
import org.fangxin.risk.AlertView;
import org.fangxin.risk.RiskAlertRaised;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.persistence.AlertRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Raises alerts in the caller's transaction: stored once per dedup key (a rerun of the nightly job or a redelivered
 * event raises nothing new), audited, and published as {@link RiskAlertRaised} for the notices sent after commit.
 * Each alert must be acknowledged within {@code fangxin.risk.alert.acknowledge-within} (default two days).
 */
@Component
public class AlertBook {

    private final AlertRepository alerts;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration acknowledgeWithin;

    AlertBook(AlertRepository alerts, ApplicationEventPublisher events, AuditTrail audit, IdGenerator ids, Clock clock,
              @Value("${fangxin.risk.alert.acknowledge-within:P2D}") Duration acknowledgeWithin) {
        this.alerts = alerts;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.acknowledgeWithin = acknowledgeWithin;
    }

    /** What to raise; the dedup key names the occurrence (e.g. the day and tiers of a drop). */
    public record NewAlert(MerchantView merchant, AlertKind kind, String detail, List<String> detailArgs,
                           RiskTier fromTier, RiskTier toTier, String factor, String dedupKey) { }

    /** True when raised now; false when the same occurrence was raised before. */
    public boolean raise(NewAlert alert) {
        Instant now = clock.instant();
        MerchantView merchant = alert.merchant();
        AlertView view = new AlertView(ids.next(), merchant.id(), merchant.legalName(), alert.kind(), alert.detail(),
                alert.detailArgs(),
                alert.fromTier(), alert.toTier(), alert.factor(), merchant.regionCode(), merchant.sector().name(), now,
                now.plus(acknowledgeWithin), null, null, null, null);
        if (!alerts.insert(view, alert.dedupKey())) {
            return false;
        }
        audit.record("risk.alert-raised", "merchant", merchant.id(), null, view);
        events.publishEvent(new RiskAlertRaised(view.id(), merchant.id(), alert.kind(), merchant.regionCode(),
                merchant.sector().name(), now));
        return true;
    }
}
