package org.fangxin.merchant.web;

import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.SettlementAccountChanges;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages of the settlement-account change: the merchant proposes (`/merchants/{id}/settlement-account`), operators decide. */
@Controller
class SettlementAccountPageController {

    private final SettlementAccountChanges changes;
    private final Merchants merchants;

    SettlementAccountPageController(SettlementAccountChanges changes, Merchants merchants) {
        this.changes = changes;
        this.merchants = merchants;
    }

    @GetMapping("/merchants/{id}/settlement-account")
    String account(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("merchant", merchants.view(actor, id));
        model.addAttribute("changes", changes.ofMerchant(actor, id));
        model.addAttribute("current", merchants.settlementAccount(id).orElse(null));
        model.addAttribute("owner", actor.is(Role.MERCHANT_OWNER));
        model.addAttribute("zone", MerchantRepository.ZONE);
        return "merchant/settlement-account";
    }

    @GetMapping("/merchants/mine/settlement-account")
    String mine(Actor actor) {
        return "redirect:/merchants/" + merchants.mine(actor).orElseThrow(() -> Rejection.notFound("merchant")).id()
                + "/settlement-account";
    }

    @PostMapping("/merchants/{id}/settlement-account")
    String request(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String accountName,
                   @RequestParam(required = false) String bankName, @RequestParam(required = false) String accountNumber,
                   RedirectAttributes redirect) {
        try {
            changes.request(actor, id, new SettlementAccount(accountName, bankName, accountNumber));
            redirect.addFlashAttribute("noticeKey", "merchant.settlementAccount.requested");
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:/merchants/" + id + "/settlement-account";
    }

    @GetMapping("/settlement-account-changes")
    String pending(Actor actor, Model model) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "operators decide on settlement account changes");
        }
        model.addAttribute("changes", changes.pending(actor));
        model.addAttribute("zone", MerchantRepository.ZONE);
        return "merchant/settlement-account-changes";
    }

    @PostMapping("/settlement-account-changes/{id}/{decision}")
    String decide(Actor actor, @PathVariable UUID id, @PathVariable String decision,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            switch (decision) {
                case "approve" -> changes.approve(actor, id);
                case "reject" -> changes.reject(actor, id, reason);
                default -> throw Rejection.notFound("decision");
            }
            redirect.addFlashAttribute("noticeKey", "merchant.settlementAccount." + decision + "d");
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:/settlement-account-changes";
    }
}
