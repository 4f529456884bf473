package org.fangxin.risk.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
        return raiseAll(List.of(alert)) == 1;
    }

    /**
     * Raises the alerts in three statements whatever their number (a chunk of the nightly rating): the new ones stored,
     * their audit entries, then one {@link RiskAlertRaised} each; answers how many were new.
     */
    public int raiseAll(List<NewAlert> raise) {
        if (raise.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, AlertView> byKey = new LinkedHashMap<>();
        for (NewAlert alert : raise) {
            MerchantView merchant = alert.merchant();
            byKey.putIfAbsent(alert.dedupKey(), new AlertView(ids.nextFor(merchant.id()), merchant.id(), merchant.legalName(), alert.kind(),
                    alert.detail(), alert.detailArgs(), alert.fromTier(), alert.toTier(), alert.factor(),
                    merchant.regionCode(), merchant.sector().name(), now, now.plus(acknowledgeWithin), null, null, null, null));
        }
        Set<UUID> inserted = alerts.insertAll(byKey);
        List<AlertView> raised = byKey.values().stream().filter(view -> inserted.contains(view.id())).toList();
        audit.recordAll("risk.alert-raised", "merchant",
                raised.stream().map(view -> new AuditTrail.Change(view.merchantId(), null, view)).toList());
        for (AlertView view : raised) {
            events.publishEvent(new RiskAlertRaised(view.id(), view.merchantId(), view.kind(), view.regionCode(),
                    view.sector(), now));
        }
        return raised.size();
    }
}
