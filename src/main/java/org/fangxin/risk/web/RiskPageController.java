package org.fangxin.risk.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.risk.MerchantRiskView;
import org.fangxin.risk.RatingRun;
import org.fangxin.risk.RiskAlerts;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.RiskTier;
import org.fangxin.shared.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Risk pages: the operators' and regulators' dashboard (tier distribution, movers, alerts, the C and D merchants), a
 * merchant's rating (score, factors, what would improve them, terms, history chart; operators override the tier) and
 * the merchant's own "my risk".
 */
@Controller
class RiskPageController {

    static final int LIST_SIZE = 50;
    static final int HISTORY_DAYS = 365;

    private final RiskScores scores;
    private final RiskAlerts alerts;
    private final MessageSource messages;
    private final Clock clock;

    RiskPageController(RiskScores scores, RiskAlerts alerts, MessageSource messages, Clock clock) {
        this.clock = clock;
        this.scores = scores;
        this.alerts = alerts;
        this.messages = messages;
    }

    @GetMapping("/risk")
    String dashboard(Actor actor, @RequestParam(defaultValue = "true") boolean open, Model model, Locale locale) {
        model.addAttribute("movers", scores.movers(actor, 30, 20));
        model.addAttribute("alerts", alerts.list(actor, null, open, LIST_SIZE));
        model.addAttribute("openOnly", open);
        model.addAttribute("tierD", scores.ofTier(actor, RiskTier.D, LIST_SIZE));
        model.addAttribute("tierC", scores.ofTier(actor, RiskTier.C, LIST_SIZE));
        model.addAttribute("tiers", RiskTier.values());
        var distribution = scores.distribution(actor);
        model.addAttribute("distribution", distribution);
        model.addAttribute("tierLabels", java.util.Arrays.stream(RiskTier.values())
                .map(t -> messages.getMessage("risk.tier." + t, null, locale)).toList());
        model.addAttribute("tierCounts", java.util.Arrays.stream(RiskTier.values()).map(distribution::count).toList());
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("now", clock.instant());
        model.addAttribute("zone", RiskScores.ZONE);
        return "risk/dashboard";
    }

    @GetMapping("/risk/mine")
    String mine(Actor actor, Model model, Locale locale) {
        if (!actor.role().isMerchantSide()) {
            throw Rejection.notFound("merchant");
        }
        return merchantPage(actor, actor.merchantId(), model, true, locale);
    }

    @GetMapping("/risk/merchants/{id}")
    String merchant(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        return merchantPage(actor, id, model, false, locale);
    }

    private String merchantPage(Actor actor, UUID merchantId, Model model, boolean own, Locale locale) {
        model.addAttribute("own", own);
        model.addAttribute("policy", scores.policy());
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("tiers", RiskTier.values());
        model.addAttribute("merchantId", merchantId);
        model.addAttribute("alerts", alerts.list(actor, merchantId, false, 20));
        model.addAttribute("now", clock.instant());
        model.addAttribute("zone", RiskScores.ZONE);
        try {
            MerchantRiskView risk = scores.view(actor, merchantId);
            model.addAttribute("risk", risk);
            model.addAttribute("factors", FactorRows.rows(risk.factors()));
            model.addAttribute("chart", FactorRows.chart(scores.history(actor, merchantId, HISTORY_DAYS)));
            java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
            for (org.fangxin.risk.FactorView f : risk.factors()) {
                names.put(f.factor(), messages.getMessage("risk.factor." + f.factor(), null, f.factor(), locale));
            }
            model.addAttribute("factorNames", names);
            model.addAttribute("pendingOn", risk.pendingSince() == null ? null
                    : risk.pendingSince().plusDays(scores.policy().upAfterDays()));
        } catch (Rejection rejection) {
            if (!rejection.type().equals(RiskScores.NOT_RATED)) {
                throw rejection;
            }
            model.addAttribute("risk", null);
        }
        return "risk/merchant";
    }

    @PostMapping("/risk/merchants/{id}/override")
    String override(Actor actor, @PathVariable UUID id, @RequestParam(required = false) RiskTier tier,
                    @RequestParam(required = false) String reason, @RequestParam(required = false) String until,
                    RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/merchants/" + id, () -> scores.override(actor, id, tier, reason, endOf(until)));
    }

    @PostMapping("/risk/merchants/{id}/override/clear")
    String clearOverride(Actor actor, @PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, "/risk/merchants/" + id, () -> scores.clearOverride(actor, id));
    }

    @PostMapping("/risk/alerts/{id}/acknowledge")
    String acknowledge(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note,
                       @RequestParam(defaultValue = "/risk") String back, RedirectAttributes redirect, Locale locale) {
        String target = back.startsWith("/risk") ? back : "/risk";
        return act(redirect, locale, target, () -> alerts.acknowledge(actor, id, note));
    }

    @PostMapping("/risk/rating-runs")
    String run(Actor actor, RedirectAttributes redirect, Locale locale) {
        try {
            RatingRun run = scores.rateAll(actor);
            redirect.addFlashAttribute("notice", messages.getMessage("risk.run.done", new Object[] {run.rated(),
                    run.tierChanges(), run.alerts(), run.took().toMillis()}, locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:/risk";
    }

    private String act(RedirectAttributes redirect, Locale locale, String target, Supplier<Object> command) {
        try {
            command.get();
            redirect.addFlashAttribute("notice", messages.getMessage("risk.tables.saved", null, locale));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:" + target;
    }

    /** A day typed in the form: the override lasts to the end of that day in Asia/Shanghai; null when unreadable. */
    static Instant endOf(String day) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(day.strip()).plusDays(1).atStartOfDay(RiskScores.ZONE).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
