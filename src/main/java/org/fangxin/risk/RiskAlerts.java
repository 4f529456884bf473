package org.fangxin.risk;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.risk.persistence.AlertRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Risk alerts for operators and regulators (a regulator sees those of the merchants in its region and
 * sector, {@link MerchantScope}) and for the merchant's own people (read only). Operators
 * and covering regulators acknowledge an alert once, with a note, before its deadline or late (then shown overdue).
 */
@Service
public class RiskAlerts {

    public static final int LIST_SIZE_MAX = 200;
    public static final int NOTE_LENGTH_MAX = 500;
    /** The alert was acknowledged already. */
    public static final ProblemType ALREADY_ACKNOWLEDGED = new ProblemType("alert-already-acknowledged", 409);

    private final AlertRepository alerts;
    private final Merchants merchants;
    private final AuditTrail audit;
    private final Shards shards;
    private final Clock clock;

    RiskAlerts(AlertRepository alerts, Merchants merchants, AuditTrail audit, Shards shards, Clock clock) {
        this.alerts = alerts;
        this.shards = shards;
        this.merchants = merchants;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The alerts the actor may see, newest first; {@code merchantId} narrows to one merchant (null: all). A merchant's
     * people read their own shard; operators and regulators get the newest of each shard, merged (ADR 12 §8e).
     */
    @Transactional(readOnly = true)
    public List<AlertView> list(Actor actor, UUID merchantId, boolean openOnly, int limit) {
        int size = Math.min(Math.max(limit, 1), LIST_SIZE_MAX);
        if (actor.role().isMerchantSide()) {
            if (merchantId != null && !actor.worksFor(merchantId)) {
                throw Rejection.notFound("merchant");
            }
            AlertRepository.Filter own = new AlertRepository.Filter(MerchantScope.ALL, actor.merchantId(), openOnly);
            return alerts.list(own, size).stream().map(this::named).toList();
        }
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
        AlertRepository.Filter overseen = new AlertRepository.Filter(MerchantScope.of(actor), merchantId, openOnly);
        return shards.page((offset, first) -> alerts.list(overseen, first).stream().map(this::named).toList(),
                NEWEST_FIRST, 0, size);
    }

    /** OPERATOR or a REGULATOR covering the merchant: acknowledges the alert with a note. */
    @Transactional
    public AlertView acknowledge(Actor actor, UUID alertId, String note) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > NOTE_LENGTH_MAX) {
            throw Rejection.invalid("note", "say what was done, in at most " + NOTE_LENGTH_MAX + " characters");
        }
        // An alert id carries its merchant's gene, so the request is routed to its shard; one raised before that may
        // live on another: each shard is asked once and it is acknowledged where it is kept (ADR 12 §8i).
        if (shards.count() > 1 && alerts.find(alertId).isEmpty()) {
            return shards.each(() -> alerts.find(alertId).map(found -> acknowledgeHere(actor, alertId, text))).stream()
                    .flatMap(java.util.Optional::stream).findFirst().orElseThrow(() -> Rejection.notFound("alert"));
        }
        return acknowledgeHere(actor, alertId, text);
    }

    private AlertView acknowledgeHere(Actor actor, UUID alertId, String text) {
        AlertView alert = alerts.lock(alertId).orElseThrow(() -> Rejection.notFound("alert"));
        if (!MerchantScope.of(actor).covers(alert.regionCode(), alert.sector())) {
            throw Rejection.notFound("alert");
        }
        if (alert.acknowledged()) {
            throw new Rejection(ALREADY_ACKNOWLEDGED, "acknowledged by " + alert.acknowledgedBy() + " at " + alert.acknowledgedAt());
        }
        alerts.acknowledge(alertId, actor.username(), text, clock.instant());
        AlertView after = named(alerts.find(alertId).orElseThrow());
        audit.record("risk.alert-acknowledged", "risk-alert", alertId, alert, after);
        return after;
    }

    /** The repository's order: raised last first, then id descending (PostgreSQL orders uuids as their text). */
    private static final Comparator<AlertView> NEWEST_FIRST = Comparator.comparing(AlertView::raisedAt)
            .thenComparing(a -> a.id().toString()).reversed();

    private AlertView named(AlertView alert) {
        String name = merchants.find(alert.merchantId()).map(MerchantView::legalName).orElse("");
        return new AlertView(alert.id(), alert.merchantId(), name, alert.kind(), alert.detail(), alert.detailArgs(),
                alert.fromTier(),
                alert.toTier(), alert.factor(), alert.regionCode(), alert.sector(), alert.raisedAt(), alert.acknowledgeBy(),
                alert.acknowledgedAt(), alert.acknowledgedBy(), alert.acknowledgementNote(), null);
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "your role does not see risk alerts");
    }
}
