package org.fangxin.complaint.web;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.complaint.Agreements;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.Complaints;
import org.fangxin.complaint.Mediations;
import org.fangxin.complaint.ProposeAgreement;
import org.fangxin.complaint.Remedy;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The case page's forms: each posts one step and returns to the case, with the refusal shown if the step was refused. */
@Controller
class CaseActionsPageController {

    private final Complaints complaints;
    private final Mediations mediations;
    private final Agreements agreements;
    private final Idempotency idempotency;

    CaseActionsPageController(Complaints complaints, Mediations mediations, Agreements agreements, Idempotency idempotency) {
        this.complaints = complaints;
        this.mediations = mediations;
        this.agreements = agreements;
        this.idempotency = idempotency;
    }

    @PostMapping("/complaints/{id}/messages")
    String post(Actor actor, @PathVariable UUID id, @RequestParam String body, RedirectAttributes redirect) {
        return step(id, redirect, () -> complaints.post(actor, id, body));
    }

    @PostMapping("/complaints/{id}/evidence")
    String attach(Actor actor, @PathVariable UUID id, @RequestParam("file") MultipartFile file, RedirectAttributes redirect) {
        return step(id, redirect, () -> complaints.attach(actor, id, ComplaintApiController.upload(file)));
    }

    @PostMapping("/complaints/{id}/refusal")
    String refuse(Actor actor, @PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
        return step(id, redirect, () -> complaints.refuse(actor, id, reason));
    }

    @PostMapping("/complaints/{id}/escalation")
    String escalate(Actor actor, @PathVariable UUID id, @RequestParam ComplaintStage to,
                    @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return step(id, redirect, () -> complaints.escalate(actor, id, to, note));
    }

    @PostMapping("/complaints/{id}/withdrawal")
    String withdraw(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note,
                    RedirectAttributes redirect) {
        return step(id, redirect, () -> complaints.withdraw(actor, id, note));
    }

    @PostMapping("/complaints/{id}/acceptance")
    String accept(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note,
                  RedirectAttributes redirect) {
        return step(id, redirect, () -> mediations.accept(actor, id, note));
    }

    @PostMapping("/complaints/{id}/declination")
    String decline(Actor actor, @PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
        return step(id, redirect, () -> mediations.decline(actor, id, reason));
    }

    @PostMapping("/complaints/{id}/mediation-end")
    String end(Actor actor, @PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
        return step(id, redirect, () -> mediations.end(actor, id, reason));
    }

    @PostMapping("/complaints/{id}/agreements")
    String propose(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Remedy remedy,
                   @RequestParam(required = false) String amountYuan, @RequestParam(required = false) String terms,
                   RedirectAttributes redirect) {
        return step(id, redirect, () -> agreements.propose(actor, id,
                new ProposeAgreement(remedy, Yuan.parse(amountYuan, "amount"), terms)));
    }

    @PostMapping("/complaints/{id}/agreement/answer")
    String answer(Actor actor, @PathVariable UUID id, @RequestParam boolean accept,
                  @RequestParam(required = false) String reason, @RequestParam String key, RedirectAttributes redirect) {
        return step(id, redirect, () -> idempotency.execute(actor.scope(), key, true, List.of(id, accept),
                () -> Idempotency.Answer.of(200, agreements.answer(actor, id, accept, reason))));
    }

    @PostMapping("/complaints/{id}/agreement/performance-report")
    String report(Actor actor, @PathVariable UUID id, @RequestParam String report, RedirectAttributes redirect) {
        return step(id, redirect, () -> agreements.reportPerformed(actor, id, report));
    }

    @PostMapping("/complaints/{id}/agreement/performance-confirmation")
    String confirm(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        return step(id, redirect, () -> agreements.confirmPerformed(actor, id));
    }

    @PostMapping("/complaints/{id}/agreement/performance-objection")
    String object(Actor actor, @PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
        return step(id, redirect, () -> agreements.disputePerformance(actor, id, reason));
    }

    @PostMapping("/complaints/{id}/agreement/compensation-payout")
    String payout(Actor actor, @PathVariable UUID id, @RequestParam String reference, @RequestParam String key,
                  RedirectAttributes redirect) {
        return step(id, redirect, () -> idempotency.execute(actor.scope(), key, true, List.of(id, reference),
                () -> Idempotency.Answer.of(200, agreements.recordCompensationPayout(actor, id, reference))));
    }

    private static String step(UUID id, RedirectAttributes redirect, Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/complaints/" + id;
    }
}
