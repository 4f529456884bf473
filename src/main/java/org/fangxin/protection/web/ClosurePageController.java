package org.fangxin.protection.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.protection.ClosureNotices;
import org.fangxin.protection.Closures;
import org.fangxin.protection.CompensationProgress;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Closure pages: the operators' and regulators' case list with confirm/clear, and the public closure notice. */
@Controller
class ClosurePageController {

    private final Closures closures;
    private final ClosureNotices notices;
    /** Supplied by the compensation module; absent when protection runs alone (a module test). */
    private final ObjectProvider<CompensationProgress> compensations;

    ClosurePageController(Closures closures, ClosureNotices notices, ObjectProvider<CompensationProgress> compensations) {
        this.closures = closures;
        this.notices = notices;
        this.compensations = compensations;
    }

    @GetMapping("/protection/closures")
    String cases(Actor actor, @RequestParam(required = false) UUID merchantId, Model model) {
        model.addAttribute("cases", closures.cases(actor, false));
        model.addAttribute("markMerchantId", merchantId);
        return "protection/closures";
    }

    /**
     * An operator or regulator opens a case for a merchant with evidence (MARKED): closing a merchant always goes
     * through a case (the merchant page's close action leads here), so sales and payouts freeze at once, and confirming it
     * publishes the notice and starts the compensation.
     */
    @PostMapping("/protection/closures")
    String mark(Actor actor, @RequestParam UUID merchantId, @RequestParam String evidence, RedirectAttributes redirect) {
        return act(actor, redirect, () -> closures.mark(actor, merchantId, evidence));
    }

    @PostMapping("/protection/closures/{caseId}/confirm")
    String confirm(Actor actor, @PathVariable UUID caseId, @RequestParam String evidence, RedirectAttributes redirect) {
        return act(actor, redirect, () -> closures.confirm(actor, caseId, evidence));
    }

    @PostMapping("/protection/closures/{caseId}/clear")
    String clear(Actor actor, @PathVariable UUID caseId, @RequestParam String evidence, RedirectAttributes redirect) {
        return act(actor, redirect, () -> closures.clear(actor, caseId, evidence));
    }

    /** A cardholder's "store closed" report form (404 without a live card at the merchant). */
    @GetMapping("/protection/closure-report/{merchantId}")
    String reportForm(Actor actor, @PathVariable UUID merchantId, Model model) {
        model.addAttribute("merchantName", closures.reportable(actor, merchantId));
        model.addAttribute("merchantId", merchantId);
        return "protection/report";
    }

    @PostMapping("/protection/closure-report/{merchantId}")
    String report(Actor actor, @PathVariable UUID merchantId, @RequestParam(required = false) String note,
                  RedirectAttributes redirect) {
        closures.reportable(actor, merchantId);
        try {
            closures.report(actor, merchantId, note);
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/protection/closure-report/" + merchantId;
    }

    /** The merchant's owner: announce closing; owner and staff see the merchant's cases. */
    @GetMapping("/protection/closures/mine")
    String mine(Actor actor, Model model) {
        model.addAttribute("cases", closures.mine(actor));
        model.addAttribute("owner", actor.is(Role.MERCHANT_OWNER));
        return "protection/closures-mine";
    }

    @PostMapping("/protection/closures/announcement")
    String announce(Actor actor, @RequestParam String closingOn, @RequestParam String reason, RedirectAttributes redirect) {
        if (!actor.is(Role.MERCHANT_OWNER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the merchant's owner announces its closing");
        }
        try {
            LocalDate date;
            try {
                date = LocalDate.parse(closingOn);
            } catch (DateTimeParseException e) {
                throw Rejection.invalid("closingOn", "a date like 2026-12-31");
            }
            closures.announce(actor, date, reason);
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/protection/closures/mine";
    }

    /** Anonymous: the public notice of a confirmed (or announced) closure. */
    @GetMapping("/public/closures/{caseId}")
    String notice(@PathVariable UUID caseId, Model model) {
        model.addAttribute("notice", notices.notice(caseId));
        CompensationProgress progress = compensations.getIfAvailable();
        model.addAttribute("compensation", progress == null ? null : progress.progress(caseId));
        return "protection/notice";
    }

    private static String act(Actor actor, RedirectAttributes redirect, Supplier<Object> command) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and regulators decide closure cases");
        }
        try {
            command.get();
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/protection/closures";
    }
}
