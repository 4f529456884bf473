package org.fangxin.risk.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.risk.AlertView;
import org.fangxin.risk.MerchantRiskView;
import org.fangxin.risk.MoverView;
import org.fangxin.risk.RatingRun;
import org.fangxin.risk.RiskAlerts;
import org.fangxin.risk.RiskBadge;
import org.fangxin.risk.RiskBadges;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.ScorePoint;
import org.fangxin.risk.TierDistributionView;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.web.StoredText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Merchant risk over HTTP: scores, history, distribution, movers, overrides, rating runs, alerts, public badges. */
@RestController
class RiskApiController {

    private final RiskScores scores;
    private final RiskAlerts alerts;
    private final StoredText texts;
    private final RiskBadges badges;
    private final Idempotency idempotency;

    RiskApiController(RiskScores scores, RiskAlerts alerts, RiskBadges badges, Idempotency idempotency, StoredText texts) {
        this.texts = texts;
        this.scores = scores;
        this.alerts = alerts;
        this.badges = badges;
        this.idempotency = idempotency;
    }

    record Override(@NotNull RiskTier tier, @NotNull @Size(max = 500) String reason, @NotNull Instant until) { }

    record Acknowledgement(@NotNull @Size(max = 500) String note) { }

    @GetMapping("/api/v1/risk/mine")
    MerchantRiskView mine(Actor actor) {
        return scores.mine(actor);
    }

    @GetMapping("/api/v1/risk/merchants/{id}")
    MerchantRiskView merchant(Actor actor, @PathVariable UUID id) {
        return scores.view(actor, id);
    }

    @GetMapping("/api/v1/risk/merchants/{id}/history")
    List<ScorePoint> history(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "180") int days) {
        return scores.history(actor, id, days);
    }

    @GetMapping("/api/v1/risk/merchants")
    List<MerchantRiskView> ofTier(Actor actor, @RequestParam RiskTier tier, @RequestParam(defaultValue = "50") int limit) {
        return scores.ofTier(actor, tier, limit);
    }

    @GetMapping("/api/v1/risk/distribution")
    TierDistributionView distribution(Actor actor) {
        return scores.distribution(actor);
    }

    @GetMapping("/api/v1/risk/movers")
    List<MoverView> movers(Actor actor, @RequestParam(defaultValue = "30") int days, @RequestParam(defaultValue = "20") int limit) {
        return scores.movers(actor, days, limit);
    }

    @PostMapping("/api/v1/risk/merchants/{id}/override")
    ResponseEntity<Object> override(Actor actor, @PathVariable UUID id, @Valid @RequestBody Override body,
                                    @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return idempotency.execute(actor.scope(), key, false, Map.of("override", id, "body", body),
                () -> Idempotency.Answer.of(200, scores.override(actor, id, body.tier(), body.reason(), body.until()))).toResponse();
    }

    @DeleteMapping("/api/v1/risk/merchants/{id}/override")
    MerchantRiskView clearOverride(Actor actor, @PathVariable UUID id) {
        return scores.clearOverride(actor, id);
    }

    @PostMapping("/api/v1/risk/rating-runs")
    ResponseEntity<RatingRun> run(Actor actor) {
        return ResponseEntity.status(201).body(scores.rateAll(actor));
    }

    @GetMapping("/api/v1/risk/alerts")
    List<AlertView> alerts(Actor actor, @RequestParam(required = false) UUID merchantId,
                           @RequestParam(defaultValue = "false") boolean open, @RequestParam(defaultValue = "50") int limit) {
        return alerts.list(actor, merchantId, open, limit).stream().map(this::withText).toList();
    }

    @PostMapping("/api/v1/risk/alerts/{id}/acknowledgement")
    AlertView acknowledge(Actor actor, @PathVariable UUID id, @Valid @RequestBody Acknowledgement body) {
        return withText(alerts.acknowledge(actor, id, body.note()));
    }

    /** Codes stay (machine-readable); the detail is added in the caller's language (lang cookie or ?lang=; zh-CN). */
    private AlertView withText(AlertView alert) {
        return alert.withDetailText(texts.render(alert.detailKey(), alert.detailArgs()));
    }

    /** Anyone: tier and 放心商户 badge of merchants (comma-separated ids, at most 500), as product pages show them. */
    @GetMapping("/api/v1/public/risk-badges")
    List<RiskBadge> badges(@RequestParam String merchantIds) {
        List<UUID> ids;
        try {
            ids = Arrays.stream(merchantIds.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(UUID::fromString)
                    .distinct().toList();
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("merchantIds", "comma-separated merchant ids");
        }
        if (ids.size() > RiskBadges.MERCHANTS_MAX) {
            throw Rejection.invalid("merchantIds", "at most " + RiskBadges.MERCHANTS_MAX + " ids");
        }
        return List.copyOf(badges.of(ids).values());
    }
}
