package org.fangxin.settlement.web;

import java.time.LocalDate;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.Settlements;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operators' settlement page (runs, payouts, returned payouts, run button) and the merchants' payouts page. */
@Controller
class SettlementPageController {

    static final int ROWS = 50;

    private final Settlements settlements;

    SettlementPageController(Settlements settlements) {
        this.settlements = settlements;
    }

    @GetMapping("/settlement")
    String operator(Actor actor, Model model) {
        model.addAttribute("runs", settlements.runs(actor, 0, 20));
        model.addAttribute("payouts", settlements.payouts(actor, null, null, 0, ROWS));
        model.addAttribute("returned", settlements.payouts(actor, null, PayoutStatus.RETURNED, 0, ROWS));
        model.addAttribute("cycles", settlements.cycles(actor));
        model.addAttribute("today", settlements.today());
        return "settlement/runs";
    }

    /** A rerun of the same date is a no-op, so the form needs no idempotency key of its own. */
    @PostMapping("/settlement/runs")
    String run(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate settlementDate,
               RedirectAttributes redirect) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators run settlement");
        }
        try {
            redirect.addFlashAttribute("ran", settlements.run(actor, settlementDate));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/settlement";
    }

    @GetMapping("/settlement/mine")
    String mine(Actor actor, Model model) {
        model.addAttribute("summary", settlements.summary(actor));
        model.addAttribute("payouts", settlements.payouts(actor, null, null, 0, ROWS));
        return "settlement/mine";
    }
}
