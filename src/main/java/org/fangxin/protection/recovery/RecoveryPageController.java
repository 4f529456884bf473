package org.fangxin.protection.recovery;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.MoneyFormat;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The recovery page: the guarantee fund (balance, top-up, movements) and the subrogation register (recover, write
 * off). Operators act; regulators read. Each form carries a one-time key, so a double submission acts once.
 */
@Controller
class RecoveryPageController {

    private final GuaranteeFund fund;
    private final Subrogation subrogation;
    private final Idempotency idempotency;

    RecoveryPageController(GuaranteeFund fund, Subrogation subrogation, Idempotency idempotency) {
        this.fund = fund;
        this.subrogation = subrogation;
        this.idempotency = idempotency;
    }

    @GetMapping("/protection/recovery")
    String page(Actor actor, Model model) {
        model.addAttribute("fund", fund.fund(actor));
        model.addAttribute("receivables", subrogation.register(actor));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "protection/recovery";
    }

    @GetMapping("/protection/recovery/{caseId}")
    String receivable(Actor actor, @PathVariable UUID caseId, Model model) {
        model.addAttribute("r", subrogation.receivable(actor, caseId));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "protection/recovery-case";
    }

    @PostMapping("/protection/recovery/top-ups")
    String topUp(Actor actor, @RequestParam String amountYuan, @RequestParam String reference, @RequestParam String formKey,
                 RedirectAttributes redirect) {
        return act(actor, formKey, Map.of("topUp", amountYuan, "reference", reference), "redirect:/protection/recovery", redirect,
                () -> fund.topUp(actor, MoneyFormat.parseYuan("amount", amountYuan), reference));
    }

    @PostMapping("/protection/recovery/{caseId}/recoveries")
    String recover(Actor actor, @PathVariable UUID caseId, @RequestParam String amountYuan, @RequestParam String reference,
                   @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, formKey, Map.of("case", caseId, "recover", amountYuan, "reference", reference),
                "redirect:/protection/recovery/" + caseId, redirect,
                () -> subrogation.recover(actor, caseId, MoneyFormat.parseYuan("amount", amountYuan), reference));
    }

    @PostMapping("/protection/recovery/{caseId}/write-offs")
    String writeOff(Actor actor, @PathVariable UUID caseId, @RequestParam String amountYuan, @RequestParam String reason,
                    @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, formKey, Map.of("case", caseId, "writeOff", amountYuan, "reason", reason),
                "redirect:/protection/recovery/" + caseId, redirect,
                () -> subrogation.writeOff(actor, caseId, MoneyFormat.parseYuan("amount", amountYuan), reason));
    }

    private String act(Actor actor, String formKey, Object request, String back, RedirectAttributes redirect,
                       Supplier<Object> command) {
        try {
            idempotency.execute(actor.scope(), "page:" + formKey, true, request, () -> Idempotency.Answer.of(201, command.get()));
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return back;
    }
}
