package org.fangxin.settlement.web;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.settlement.DualControl;
import org.fangxin.settlement.PayoutApprovals;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dual-control page of the settlement workspace: payouts awaiting approval with approve/reject buttons, and the
 * recent decisions. A form is posted once per click (CSRF-protected); a repeat is refused as already decided.
 */
@Controller
class ApprovalPageController {

    static final int ROWS = 50;

    private final PayoutApprovals approvals;

    ApprovalPageController(PayoutApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/settlement/approvals")
    String page(Actor actor, Model model) {
        model.addAttribute("awaiting", approvals.awaiting(actor, 0, ROWS));
        model.addAttribute("decided", approvals.decided(actor, 0, ROWS));
        model.addAttribute("threshold", approvals.settings().threshold());
        model.addAttribute("bankApproval", approvals.settings().bankApprovalRequired());
        model.addAttribute("me", actor.username());
        model.addAttribute("side", actor.role().name());
        return "settlement/approvals";
    }

    @PostMapping("/settlement/approvals/{payoutId}/approve")
    String approve(Actor actor, @PathVariable UUID payoutId, @RequestParam(required = false) String reason,
                   RedirectAttributes redirect) {
        try {
            approvals.approve(actor, payoutId, reason);
            redirect.addFlashAttribute("done", "approved");
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/settlement/approvals";
    }

    @PostMapping("/settlement/approvals/{payoutId}/reject")
    String reject(Actor actor, @PathVariable UUID payoutId, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        try {
            approvals.reject(actor, payoutId, reason);
            redirect.addFlashAttribute("done", "rejected");
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/settlement/approvals";
    }
}
