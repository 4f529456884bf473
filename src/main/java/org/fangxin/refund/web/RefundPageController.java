package org.fangxin.refund.web;

import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.refund.ContestRefund;
import org.fangxin.refund.DecideRefund;
import org.fangxin.refund.NewRefund;
import org.fangxin.refund.RefundReason;
import org.fangxin.refund.RefundStatus;
import org.fangxin.refund.RefundView;
import org.fangxin.refund.Refunds;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Refund pages: the consumer's quote-and-confirm page and refund list, the merchant's pending requests (contest with a
 * reason) and the operator's disputes and failed payments. Forms carry an idempotency key made when the page was
 * shown, so a double submit moves money once.
 */
@Controller
class RefundPageController {

    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Rules.ZONE);
    static final List<RefundReason> CONSUMER_REASONS = List.of(RefundReason.CONSUMER_CHOICE, RefundReason.MERCHANT_CLOSED,
            RefundReason.MERCHANT_RELOCATED, RefundReason.QUALITY_DROP);

    private final Refunds refunds;
    private final Idempotency idempotency;

    RefundPageController(Refunds refunds, Idempotency idempotency) {
        this.refunds = refunds;
        this.idempotency = idempotency;
    }

    @GetMapping("/refunds/new")
    String quote(Actor actor, @RequestParam UUID cardId, @RequestParam(defaultValue = "CONSUMER_CHOICE") RefundReason reason,
                 Model model) {
        model.addAttribute("cardId", cardId);
        model.addAttribute("reason", reason);
        model.addAttribute("reasons", CONSUMER_REASONS);
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("contestDays", refunds.contestWorkingDays());
        try {
            model.addAttribute("quote", refunds.quote(actor, cardId, reason));
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
        }
        return "refund/new";
    }

    @PostMapping("/refunds")
    String request(Actor actor, @RequestParam UUID cardId, @RequestParam RefundReason reason, @RequestParam String key,
                   Model model, RedirectAttributes redirect) {
        NewRefund command = new NewRefund(cardId, reason);
        try {
            Idempotency.Answer answer = idempotency.execute(actor.scope(), key, true, command,
                    () -> Idempotency.Answer.of(201, refunds.request(actor, command)));
            redirect.addAttribute("requested", answer.replayed() ? null : idOf(answer));
            return "redirect:/refunds";
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
            return quote(actor, cardId, reason, model);
        }
    }

    @GetMapping("/refunds")
    String mine(Actor actor, Model model) {
        model.addAttribute("refunds", refunds.list(actor, Set.of(), Refunds.LIST_SIZE_MAX));
        model.addAttribute("at", AT);
        return "refund/mine";
    }

    @GetMapping("/refunds/merchant")
    String merchant(Actor actor, Model model) {
        if (!actor.role().isMerchantSide()) {
            throw new Rejection(org.fangxin.shared.ProblemType.FORBIDDEN, "for the merchant's owner and staff");
        }
        model.addAttribute("refunds", refunds.list(actor, EnumSet.of(RefundStatus.PENDING_MERCHANT, RefundStatus.DISPUTED),
                Refunds.LIST_SIZE_MAX));
        model.addAttribute("at", AT);
        return "refund/merchant";
    }

    @PostMapping("/refunds/{id}/contest")
    String contest(Actor actor, @PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
        try {
            refunds.contest(actor, id, new ContestRefund(reason));
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/refunds/merchant";
    }

    @GetMapping("/refunds/operator")
    String operator(Actor actor, Model model) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(org.fangxin.shared.ProblemType.FORBIDDEN, "for platform operators");
        }
        model.addAttribute("disputes", refunds.list(actor, EnumSet.of(RefundStatus.DISPUTED), Refunds.LIST_SIZE_MAX));
        model.addAttribute("failures", refunds.list(actor, EnumSet.of(RefundStatus.PAYMENT_FAILED), Refunds.LIST_SIZE_MAX));
        model.addAttribute("waiting", refunds.list(actor, EnumSet.of(RefundStatus.PENDING_MERCHANT, RefundStatus.APPROVED, RefundStatus.MANUAL_PAYOUT),
                Refunds.LIST_SIZE_MAX));
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("at", AT);
        return "refund/operator";
    }

    @PostMapping("/refunds/{id}/decision")
    String decide(Actor actor, @PathVariable UUID id, @RequestParam boolean uphold, @RequestParam String reason,
                  @RequestParam String key, RedirectAttributes redirect) {
        DecideRefund command = new DecideRefund(uphold, reason);
        return operatorAction(redirect, () -> idempotency.execute(actor.scope(), key, true, List.of(id, command),
                () -> Idempotency.Answer.of(200, refunds.decide(actor, id, command))));
    }

    @PostMapping("/refunds/{id}/payment-retry")
    String retry(Actor actor, @PathVariable UUID id, @RequestParam String key, RedirectAttributes redirect) {
        return operatorAction(redirect, () -> idempotency.execute(actor.scope(), key, true, List.of(id),
                () -> Idempotency.Answer.of(200, refunds.retryPayment(actor, id))));
    }

    private static String operatorAction(RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/refunds/operator";
    }

    private static String idOf(Idempotency.Answer answer) {
        return answer.body() instanceof RefundView view ? view.id().toString() : null;
    }
}
