package org.fangxin.bank.portal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.bank.InstructionState;
import org.fangxin.identity.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bank portal's API (read-only): sub-accounts, balances, movements, instructions, statements, region status. */
@RestController
class BankPortalApiController {

    private final BankPortal portal;

    BankPortalApiController(BankPortal portal) {
        this.portal = portal;
    }

    @GetMapping("/api/v1/bank/merchants/{merchantId}/accounts")
    CustodyAccountsView accounts(Actor actor, @PathVariable UUID merchantId) {
        return portal.custodyAccounts(actor, merchantId);
    }

    @GetMapping("/api/v1/bank/my-accounts")
    CustodyAccountsView myAccounts(Actor actor) {
        return portal.myCustodyAccounts(actor);
    }

    @GetMapping("/api/v1/bank/balances")
    BalancePage balances(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return portal.balances(actor, date, page, size);
    }

    @GetMapping("/api/v1/bank/merchants/{merchantId}/balance")
    SupervisedBalance balance(Actor actor, @PathVariable UUID merchantId,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return portal.balance(actor, merchantId, date);
    }

    @GetMapping("/api/v1/bank/merchants/{merchantId}/movements")
    MovementPage movements(Actor actor, @PathVariable UUID merchantId,
                           @RequestParam(defaultValue = "ESCROW") SubAccountKind kind,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return portal.movements(actor, merchantId, kind, page, size);
    }

    @GetMapping("/api/v1/bank/sent-instructions")
    List<SentInstruction> instructions(Actor actor, @RequestParam(required = false) InstructionState state,
                                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return portal.instructions(actor, state, page, size);
    }

    @GetMapping("/api/v1/bank/statements")
    List<StatementSummary> statements(Actor actor, @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return portal.statements(actor, page, size);
    }

    /** Per custodian bank: payout files, instructions by state and the last statement (BANK: its own bank). */
    @GetMapping("/api/v1/bank/payout-status")
    List<BankPayoutStatus> payoutStatus(Actor actor) {
        return portal.payoutStatusByBank(actor);
    }

    @GetMapping("/api/v1/bank/certificate-status")
    List<RegionCertificateStatus> certificateStatus(Actor actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return portal.certificateStatusByRegion(actor, date);
    }
}
