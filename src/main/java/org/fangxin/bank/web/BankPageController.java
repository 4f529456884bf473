package org.fangxin.bank.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bank portal: the instructions the user's bank received, and (sandbox only) a button to run that bank's
 * processing now.
 */
@ConditionalOnProperty(name = "fangxin.bank.sandbox.enabled", havingValue = "true")
@Controller
class BankPageController {

    static final int PAGE_ROWS = 100;

    private final SandboxBank bank;
    private final CustodianBanks custodianBanks;

    BankPageController(SandboxBank bank, CustodianBanks custodianBanks) {
        this.bank = bank;
        this.custodianBanks = custodianBanks;
    }

    @GetMapping("/bank/instructions")
    String instructions(Actor actor, Model model) {
        BankApiController.requireBank(actor);
        String own = custodianBanks.bankOfMember(actor);
        model.addAttribute("custodianBank", custodianBanks.existing(own));
        model.addAttribute("instructions", bank.instructions(own, null, 0, PAGE_ROWS));
        return "bank/instructions";
    }

    @PostMapping("/bank/instructions/process")
    String process(Actor actor, RedirectAttributes redirect) {
        BankApiController.requireBank(actor);
        redirect.addFlashAttribute("processed", bank.process(custodianBanks.bankOfMember(actor)));
        return "redirect:/bank/instructions";
    }
}
