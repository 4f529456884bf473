package org.fangxin.protection.recovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The guarantee fund (balance, movements, top-ups) and the subrogation register (recoveries, write-offs). */
@RestController
class RecoveryApiController {

    private final GuaranteeFund fund;
    private final Subrogation subrogation;
    private final Idempotency idempotency;

    RecoveryApiController(GuaranteeFund fund, Subrogation subrogation, Idempotency idempotency) {
        this.fund = fund;
        this.subrogation = subrogation;
        this.idempotency = idempotency;
    }

    record TopUpRequest(@NotNull Money amount, @NotBlank @Size(max = GuaranteeFund.REFERENCE_LENGTH_MAX) String reference) { }

    record RecoveryRequest(@NotNull Money amount, @NotBlank @Size(max = Subrogation.NOTE_LENGTH_MAX) String reference) { }

    record WriteOffRequest(@NotNull Money amount, @NotBlank @Size(max = Subrogation.NOTE_LENGTH_MAX) String reason) { }

    /** What a keyed movement on one case is hashed as, so a key reused for another case is refused. */
    record Keyed(UUID caseId, String kind, Object request) { }

    @GetMapping("/api/v1/protection/guarantee-fund")
    FundView fund(Actor actor) {
        return fund.fund(actor);
    }

    @PostMapping("/api/v1/protection/guarantee-fund/top-ups")
    ResponseEntity<Object> topUp(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @Valid @RequestBody TopUpRequest request) {
        return idempotency.execute(actor.scope(), key, true, request,
                () -> Idempotency.Answer.of(201, fund.topUp(actor, request.amount(), request.reference()))).toResponse();
    }

    @GetMapping("/api/v1/protection/subrogation")
    List<ReceivableView> register(Actor actor) {
        return subrogation.register(actor);
    }

    @GetMapping("/api/v1/protection/subrogation/{caseId}")
    ReceivableView receivable(Actor actor, @PathVariable UUID caseId) {
        return subrogation.receivable(actor, caseId);
    }

    @PostMapping("/api/v1/protection/subrogation/{caseId}/recoveries")
    ResponseEntity<Object> recover(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID caseId, @Valid @RequestBody RecoveryRequest request) {
        return idempotency.execute(actor.scope(), key, true, new Keyed(caseId, "recovery", request),
                () -> Idempotency.Answer.of(201, subrogation.recover(actor, caseId, request.amount(), request.reference())))
                .toResponse();
    }

    @PostMapping("/api/v1/protection/subrogation/{caseId}/write-offs")
    ResponseEntity<Object> writeOff(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @PathVariable UUID caseId, @Valid @RequestBody WriteOffRequest request) {
        return idempotency.execute(actor.scope(), key, true, new Keyed(caseId, "write-off", request),
                () -> Idempotency.Answer.of(201, subrogation.writeOff(actor, caseId, request.amount(), request.reason())))
                .toResponse();
    }
}
