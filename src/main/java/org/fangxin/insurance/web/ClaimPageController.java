package org.fangxin.insurance.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.ClaimLineDecision;
import org.fangxin.insurance.ClaimStatus;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.ClaimFigures;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.LineDecision;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.Premiums;
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
 * Claim pages: the queue (an insurer's own claims; operators and regulators see all) and a claim's detail with a form
 * per line, the decision, the whole-claim rejection and the payment. Each form carries a one-time key, so a resubmitted
 * form replays instead of deciding twice.
 */
@Controller
class ClaimPageController {

    static final int CLAIM_ROWS = 100;

    private final Claims claims;
    private final ClaimFigures figures;
    private final Idempotency idempotency;
    private final Policies policies;
    private final Premiums premiums;

    ClaimPageController(Claims claims, ClaimFigures figures, Idempotency idempotency, Policies policies, Premiums premiums) {
        this.policies = policies;
        this.premiums = premiums;
        this.claims = claims;
        this.figures = figures;
        this.idempotency = idempotency;
    }

    @GetMapping("/insurance/claims")
    String queue(Actor actor, @RequestParam(required = false) ClaimStatus status, Model model) {
        model.addAttribute("claims", claims.list(actor, status, CLAIM_ROWS));
        model.addAttribute("status", status);
        model.addAttribute("statuses", ClaimStatus.values());
        return "insurance/claims";
    }

    /** A policy with its loss ratio, premium bills and claims (insurers their own; operators and regulators all). */
    @GetMapping("/insurance/policies/{id}")
    String policy(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("ratio", figures.lossRatio(actor, id));
        model.addAttribute("policy", policies.view(actor, id));
        model.addAttribute("bills", premiums.bills(actor, id, InsurancePageController.BILL_ROWS));
        model.addAttribute("claims", claims.list(actor, id, null, CLAIM_ROWS));
        model.addAttribute("aggregateRemaining", figures.aggregateRemaining(id, policies.today()));
        return "insurance/policy";
    }

    @GetMapping("/insurance/claims/{id}")
    String claim(Actor actor, @PathVariable UUID id, Model model) {
        ClaimView claim = claims.view(actor, id);
        model.addAttribute("claim", claim);
        model.addAttribute("insurer", actor.is(Role.INSURER));
        model.addAttribute("canPay", claim.payable() && actor.is(Role.INSURER, Role.OPERATOR));
        model.addAttribute("recovery", claims.recoveryOf(actor, id).orElse(null));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "insurance/claim";
    }

    @PostMapping("/insurance/claims/{id}/lines/{cardId}")
    String decideLine(Actor actor, @PathVariable UUID id, @PathVariable UUID cardId, @RequestParam LineDecision decision,
                      @RequestParam(defaultValue = "") String amountYuan, @RequestParam(defaultValue = "") String reason,
                      @RequestParam String formKey, RedirectAttributes redirect) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("cardId", cardId.toString());
        request.put("decision", decision.name());
        request.put("amountYuan", amountYuan);
        request.put("reason", reason);
        return act(actor, id, formKey, request, redirect, () -> claims.decideLine(actor, id,
                new ClaimLineDecision(cardId, decision, decision == LineDecision.REDUCED ? MoneyFormat.parseYuan("amount", amountYuan) : null, reason)));
    }

    @PostMapping("/insurance/claims/{id}/decision")
    String decide(Actor actor, @PathVariable UUID id, @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, id, formKey, Map.of("action", "decide"), redirect, () -> claims.decide(actor, id, List.of()));
    }

    @PostMapping("/insurance/claims/{id}/rejection")
    String reject(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
                  @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, id, formKey, Map.of("action", "reject", "reason", reason), redirect,
                () -> claims.reject(actor, id, reason));
    }

    @PostMapping("/insurance/claims/{id}/payment")
    String pay(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reference,
               @RequestParam String formKey, RedirectAttributes redirect) {
        return act(actor, id, formKey, Map.of("action", "pay", "reference", reference), redirect,
                () -> claims.recordPayment(actor, id, reference));
    }

    private String act(Actor actor, UUID claimId, String formKey, Map<String, Object> request, RedirectAttributes redirect,
                       Supplier<Object> command) {
        try {
            idempotency.execute(actor.scope(), "page:" + formKey, true, request,
                    () -> Idempotency.Answer.of(200, command.get()));
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            if (rejection.type().status() == 404 || rejection.type().status() == 403) {
                throw rejection;
            }
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/insurance/claims/" + claimId;
    }
}
