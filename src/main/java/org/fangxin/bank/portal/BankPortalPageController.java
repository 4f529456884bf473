package org.fangxin.bank.portal;

import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Bank portal pages: supervised balances, a merchant's sub-accounts and movements, and the regulator's region view. */
@Controller
class BankPortalPageController {

    static final int ROWS = 50;
    static final int RECENT = 20;

    private final BankPortal portal;

    private final org.fangxin.bank.custodian.CustodianBanks banks;

    BankPortalPageController(BankPortal portal, org.fangxin.bank.custodian.CustodianBanks banks) {
        this.portal = portal;
        this.banks = banks;
    }

    @GetMapping("/bank/portal")
    String portal(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        LocalDate day = date == null ? portal.today() : date;
        model.addAttribute("day", day);
        model.addAttribute("custodyAccount", portal.custodyAccount(actor));
        model.addAttribute("balances", portal.balances(actor, day, page, ROWS));
        model.addAttribute("instructions", portal.instructions(actor, null, 0, RECENT));
        model.addAttribute("statements", portal.statements(actor, 0, RECENT));
        model.addAttribute("payoutStatus", portal.payoutStatusByBank(actor));
        model.addAttribute("bankNames", bankNames());
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        return "bank/portal";
    }

    @GetMapping("/bank/portal/merchants/{merchantId}")
    String merchant(Actor actor, @PathVariable UUID merchantId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                    @RequestParam(defaultValue = "ESCROW") SubAccountKind kind, @RequestParam(defaultValue = "0") int page,
                    Model model) {
        LocalDate day = date == null ? portal.today() : date;
        model.addAttribute("day", day);
        model.addAttribute("accounts", portal.custodyAccounts(actor, merchantId));
        model.addAttribute("balance", portal.balance(actor, merchantId, day));
        model.addAttribute("movements", portal.movements(actor, merchantId, kind, page, ROWS));
        model.addAttribute("kind", kind);
        model.addAttribute("bankSide", actor.is(Role.BANK, Role.OPERATOR));
        if (actor.is(Role.OPERATOR)) {  // an operator proposes the merchant's move to another bank here
            model.addAttribute("custodianBanks", bankNames());
        }
        return "bank/portal-merchant";
    }

    /** The banks by code, so pages show names, not codes. */
    private java.util.Map<String, org.fangxin.bank.custodian.CustodianBankView> bankNames() {
        var byCode = new java.util.LinkedHashMap<String, org.fangxin.bank.custodian.CustodianBankView>();
        banks.all().forEach(b -> byCode.put(b.code(), b));
        return byCode;
    }

    @GetMapping("/bank/portal/mine")
    String mine(Actor actor) {
        return "redirect:/bank/portal/merchants/" + portal.myCustodyAccounts(actor).merchantId();
    }

    @GetMapping("/bank/certificate-status")
    String certificateStatus(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                             Model model) {
        LocalDate day = date == null ? portal.today() : date;
        model.addAttribute("day", day);
        model.addAttribute("regions", portal.certificateStatusByRegion(actor, day));
        model.addAttribute("sector", actor.sector());
        return "bank/portal-regions";
    }
}
