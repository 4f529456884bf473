package org.fangxin.compensation.web;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.compensation.CompensationBatchView;
import org.fangxin.compensation.Compensations;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages: the consumer's "my compensation" (with the choice) and the operators' compensation workspace of a case. */
@Controller
class CompensationPageController {

    static final int PAGE_LINES = 200;

    private final Compensations compensations;

    CompensationPageController(Compensations compensations) {
        this.compensations = compensations;
    }

    @GetMapping("/compensations/mine")
    String mine(Actor actor, Model model) {
        model.addAttribute("lines", compensations.mine(actor));
        return "compensation/mine";
    }

    @PostMapping("/compensations/{lineId}/choice")
    String choose(Actor actor, @PathVariable UUID lineId, @RequestParam String choice, RedirectAttributes redirect) {
        return act(redirect, "redirect:/compensations/mine", () -> compensations.choose(actor, lineId, choice));
    }

    @GetMapping("/protection/closures/{caseId}/compensation")
    String batch(Actor actor, @PathVariable UUID caseId, Model model) {
        CompensationBatchView batch;
        try {
            batch = compensations.batch(actor, caseId);
        } catch (Rejection notStarted) {
            if (notStarted.type().status() != 404 || !actor.is(Role.OPERATOR)) {
                throw notStarted;
            }
            batch = null; // an operator may start it from the page
        }
        model.addAttribute("caseId", caseId);
        model.addAttribute("batch", batch);
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("lines", batch != null && actor.is(Role.OPERATOR, Role.REGULATOR)
                ? compensations.lines(actor, caseId, null, PAGE_LINES) : List.of());
        return "compensation/case";
    }

    @PostMapping("/protection/closures/{caseId}/compensation/start")
    String start(Actor actor, @PathVariable UUID caseId, RedirectAttributes redirect) {
        return act(redirect, "redirect:/protection/closures/" + caseId + "/compensation", () -> compensations.start(actor, caseId));
    }

    @PostMapping("/protection/closures/{caseId}/compensation/lines/{lineId}/manual-payout")
    String manualPayout(Actor actor, @PathVariable UUID caseId, @PathVariable UUID lineId, @RequestParam String reference,
                        RedirectAttributes redirect) {
        return act(redirect, "redirect:/protection/closures/" + caseId + "/compensation",
                () -> compensations.recordManualPayout(actor, caseId, lineId, reference));
    }

    private static String act(RedirectAttributes redirect, String target, Supplier<Object> command) {
        try {
            command.get();
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            if (rejection.type().status() == 403 || rejection.type().status() == 404) {
                throw rejection;
            }
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return target;
    }
}
