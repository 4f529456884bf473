package org.fangxin.bank.custodian;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Custodian banks: register, members, and moving a merchant to another bank under dual control. */
@RestController
class CustodianBankApiController {

    private final CustodianBanks banks;
    private final Idempotency idempotency;

    CustodianBankApiController(CustodianBanks banks, Idempotency idempotency) {
        this.banks = banks;
        this.idempotency = idempotency;
    }

    record RegisterRequest(String code, String nameZh, String nameEn, String custodyAccount) { }

    record MemberRequest(UUID userId) { }

    record MoveRequest(String toBank) { }

    @GetMapping("/api/v1/bank/custodian-banks")
    List<CustodianBankView> list(Actor actor) {
        return banks.list(actor);
    }

    @PostMapping("/api/v1/bank/custodian-banks")
    ResponseEntity<Object> register(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @RequestBody RegisterRequest request) {
        return run(actor, key, 201, request,
                () -> banks.register(actor, request.code(), request.nameZh(), request.nameEn(), request.custodyAccount()));
    }

    @PostMapping("/api/v1/bank/custodian-banks/{code}/members")
    ResponseEntity<Object> addMember(Actor actor, @PathVariable String code,
                                     @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                     @RequestBody MemberRequest request) {
        return run(actor, key, 200, Map.of("bank", code, "user", String.valueOf(request.userId())), () -> {
            banks.addMember(actor, code, request.userId());
            return Map.of("bank", code, "userId", request.userId());
        });
    }

    @GetMapping("/api/v1/bank/merchants/{merchantId}/bank-moves")
    List<BankMoveView> moves(Actor actor, @PathVariable UUID merchantId) {
        return banks.moves(actor, merchantId);
    }

    @PostMapping("/api/v1/bank/merchants/{merchantId}/bank-moves")
    ResponseEntity<Object> propose(Actor actor, @PathVariable UUID merchantId,
                                   @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @RequestBody MoveRequest request) {
        return run(actor, key, 201, Map.of("merchant", merchantId, "toBank", String.valueOf(request.toBank())),
                () -> banks.proposeMove(actor, merchantId, request.toBank()));
    }

    @PostMapping("/api/v1/bank/bank-moves/{id}/apply")
    ResponseEntity<Object> apply(Actor actor, @PathVariable UUID id,
                                 @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return run(actor, key, 200, Map.of("move", id, "decision", "apply"), () -> banks.decideMove(actor, id, true));
    }

    @PostMapping("/api/v1/bank/bank-moves/{id}/reject")
    ResponseEntity<Object> reject(Actor actor, @PathVariable UUID id,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return run(actor, key, 200, Map.of("move", id, "decision", "reject"), () -> banks.decideMove(actor, id, false));
    }

    private ResponseEntity<Object> run(Actor actor, String key, int status, Object request, Supplier<Object> command) {
        return idempotency.execute(actor.scope(), key, true, request, () -> Idempotency.Answer.of(status, command.get())).toResponse();
    }
}
