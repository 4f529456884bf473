package org.fangxin.bank.custodian;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's custodian bank page: the banks (register one), the BANK users and their bank (make one a member),
 * and the merchants' bank moves awaiting a second operator (apply or reject). A move is proposed from the merchant's
 * sub-account page. Each form calls the same facade methods as the API; a refusal is shown in the reader's language.
 */
@Controller
class CustodianBankPageController {

    static final String PAGE = "/bank/custodian-banks";

    private final CustodianBanks banks;
    private final Users users;
    private final Merchants merchants;

    CustodianBankPageController(CustodianBanks banks, Users users, Merchants merchants) {
        this.banks = banks;
        this.users = users;
        this.merchants = merchants;
    }

    /** A BANK user with the bank it belongs to. */
    record Member(UserAccount user, String bank) { }

    /** A move awaiting a decision, with the merchant's name. */
    record OpenMove(BankMoveView move, String merchantName, boolean proposedByMe) { }

    @GetMapping(PAGE)
    String page(Actor actor, Model model) {
        List<BankMoveView> open = banks.openMoves(actor);
        Map<String, CustodianBankView> byCode = new LinkedHashMap<>();
        banks.all().forEach(b -> byCode.put(b.code(), b));
        model.addAttribute("banks", byCode);
        model.addAttribute("members", users.withRole(Role.BANK).stream().map(u -> new Member(u, banks.bankOfUser(u.id()))).toList());
        model.addAttribute("moves", open.stream().map(m -> new OpenMove(m, merchants.find(m.merchantId())
                .map(MerchantView::legalName).orElse(""), m.proposedBy().equals(actor.userId()))).toList());
        return "bank/custodian-banks";
    }

    @PostMapping(PAGE)
    String register(Actor actor, @RequestParam String code, @RequestParam String nameZh, @RequestParam String nameEn,
                    @RequestParam String custodyAccount, RedirectAttributes redirect) {
        return act(PAGE, redirect, () -> banks.register(actor, code, nameZh, nameEn, custodyAccount));
    }

    @PostMapping(PAGE + "/members")
    String addMember(Actor actor, @RequestParam String bank, @RequestParam UUID userId, RedirectAttributes redirect) {
        return act(PAGE, redirect, () -> {
            banks.addMember(actor, bank, userId);
            return null;
        });
    }

    @PostMapping(PAGE + "/moves")
    String propose(Actor actor, @RequestParam UUID merchantId, @RequestParam String toBank, RedirectAttributes redirect) {
        return act("/bank/portal/merchants/" + merchantId, redirect, () -> banks.proposeMove(actor, merchantId, toBank));
    }

    @PostMapping(PAGE + "/moves/{moveId}/{decision:apply|reject}")
    String decide(Actor actor, @PathVariable UUID moveId, @PathVariable String decision, RedirectAttributes redirect) {
        return act(PAGE, redirect, () -> banks.decideMove(actor, moveId, decision.equals("apply")));
    }

    /** Runs the command; a refusal other than "not yours / not found" is shown on the page it returns to. */
    private static String act(String target, RedirectAttributes redirect, Supplier<Object> command) {
        try {
            command.get();
            redirect.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            if (rejection.type().equals(ProblemType.FORBIDDEN) || rejection.type().status() == 404) {
                throw rejection;
            }
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:" + target;
    }
}
