package org.fangxin.bank.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.util.List;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The custodian bank's view of the payout instructions the platform sent it (BANK role only: its own bank's). */
@ConditionalOnProperty(name = "fangxin.bank.sandbox.enabled", havingValue = "true")
@RestController
class BankApiController {

    private final SandboxBank bank;
    private final CustodianBanks custodianBanks;

    BankApiController(SandboxBank bank, CustodianBanks custodianBanks) {
        this.bank = bank;
        this.custodianBanks = custodianBanks;
    }

    @GetMapping("/api/v1/bank/instructions")
    List<BankInstructionView> instructions(Actor actor, @RequestParam(required = false) InstructionState state,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        requireBank(actor);
        return bank.instructions(custodianBanks.bankOfMember(actor), state, page, size);
    }

    static void requireBank(Actor actor) {
        if (!actor.is(Role.BANK)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the custodian bank sees its payout instructions");
        }
    }
}
