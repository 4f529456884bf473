package org.fangxin.ledger.web;

import org.fangxin.identity.Actor;
import org.fangxin.ledger.Ledger;
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
}
