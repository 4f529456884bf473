package org.fangxin.ledger.web;

import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.Ledger;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operators' and regulators' page of ledger invariant status: one line per invariant, totals per currency. */
@Controller
class LedgerPageController {

    private final Ledger ledger;

    LedgerPageController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/ledger")
    String invariants(Actor actor, Model model) {
        LedgerAccess.requireReader(actor);
        model.addAttribute("report", ledger.checkInvariants());
        return "ledger/invariants";
    }

    @Configuration(proxyBeanMethods = false)
    static class Menu {
        @Bean
        MenuEntry ledgerMenuEntry() {
            return new MenuEntry("/ledger", "ledger.menu", List.of(Role.OPERATOR.name(), Role.REGULATOR.name()), 80);
        }
    }
}
