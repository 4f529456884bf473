package org.fangxin.insurance.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.ClosureTrigger;
import org.fangxin.insurance.MerchantTriggers;
import org.fangxin.insurance.NewMerchantTrigger;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The page of licence revocations and bankruptcies: operators record one (it starts the closure path), regulators read. */
@Controller
class MerchantTriggerPageController {

    private final MerchantTriggers triggers;
    private final Idempotency idempotency;

    MerchantTriggerPageController(MerchantTriggers triggers, Idempotency idempotency) {
        this.triggers = triggers;
        this.idempotency = idempotency;
    }

    @GetMapping("/insurance/merchant-events")
    String page(Actor actor, Model model) {
        model.addAttribute("events", triggers.list(actor, 100));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "insurance/merchant-events";
    }

    @PostMapping("/insurance/merchant-events")
    String record(Actor actor, @RequestParam String merchantId, @RequestParam ClosureTrigger trigger,
                  @RequestParam String occurredOn, @RequestParam String reference, @RequestParam String note,
                  @RequestParam String formKey, RedirectAttributes redirect) {
        try {
            NewMerchantTrigger command = new NewMerchantTrigger(uuid(merchantId), trigger, day(occurredOn), reference, note);
            idempotency.execute(actor.scope(), "page:" + formKey, true, Map.of("body", command),
                    () -> Idempotency.Answer.of(201, triggers.record(actor, command)));
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            if (rejection.type().status() == 403) {
                throw rejection;
            }
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/insurance/merchant-events";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("merchantId", "the merchant's id");
        }
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw Rejection.invalid("occurredOn", "a day, yyyy-MM-dd");
        }
    }
}
