package org.fangxin.protection.web;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.Deposits;
import org.fangxin.protection.InsuredCover;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.MoneyFormat;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Risk-deposit pages: the operators' and regulators' overview (rules, coverage, deposits; operators also edit rules,
 * record and return deposits and run the check) and the merchant's "my protection" page.
 */
@Controller
class ProtectionPageController {

    private final Deposits deposits;
    private final InsuredCover insurance;
    private final Idempotency idempotency;

    ProtectionPageController(Deposits deposits, ObjectProvider<InsuredCover> insurance, Idempotency idempotency) {
        this.deposits = deposits;
        this.insurance = insurance.getIfAvailable(() -> InsuredCover.NONE);
        this.idempotency = idempotency;
    }

    @GetMapping("/protection")
    String overview(Actor actor, Model model) {
        model.addAttribute("coverages", deposits.coverages(actor, false));
        model.addAttribute("rules", deposits.rules(actor));
        model.addAttribute("movements", deposits.allMovements(actor));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "protection/overview";
    }

    @GetMapping("/protection/mine")
    String mine(Actor actor, Model model) {
        var coverage = deposits.myCoverage(actor);
        model.addAttribute("coverage", coverage);
        model.addAttribute("requests", deposits.topUpRequests(actor, actor.merchantId()));
        model.addAttribute("movements", deposits.movements(actor, actor.merchantId()));
        model.addAttribute("policies", insurance.covering(actor.merchantId()));
        return "protection/mine";
    }

    @PostMapping("/protection/rules")
    String changeRule(Actor actor, @RequestParam Sector sector, @RequestParam String floorYuan, @RequestParam int shareBps,
                      RedirectAttributes redirect) {
        return act(actor, redirect, () -> deposits.changeRule(actor, sector, MoneyFormat.parseYuan("floor", floorYuan), shareBps));
    }

    /** The form carries a one-time key, so a double submission lodges once. */
    @PostMapping("/protection/deposits")
    String lodge(Actor actor, @RequestParam UUID merchantId, @RequestParam String amountYuan, @RequestParam String reference,
                 @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, redirect, () -> idempotency.execute(actor.scope(), "page:" + formKey, true,
                Map.of("merchantId", merchantId, "amount", amountYuan, "reference", reference),
                () -> Idempotency.Answer.of(201, deposits.lodge(actor, merchantId, MoneyFormat.parseYuan("amount", amountYuan),
                        reference))).body());
    }

    @PostMapping("/protection/returns")
    String returnDeposit(Actor actor, @RequestParam UUID merchantId, @RequestParam String reference,
                         @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, redirect, () -> idempotency.execute(actor.scope(), "page:" + formKey, true,
                Map.of("merchantId", merchantId, "reference", reference),
                () -> Idempotency.Answer.of(201, deposits.returnDeposit(actor, merchantId, reference))).body());
    }

    @PostMapping("/protection/checks")
    String check(Actor actor, RedirectAttributes redirect) {
        return act(actor, redirect, () -> deposits.runCheck(actor));
    }

    private static String act(Actor actor, RedirectAttributes redirect, Supplier<Object> command) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators manage risk deposits");
        }
        try {
            command.get();
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/protection";
    }
}
