package org.fangxin.compensation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.compensation.CompensationBatchView;
import org.fangxin.compensation.Compensations;
import org.fangxin.compensation.CompensationLineView;
import org.fangxin.protection.CompensationProgressView;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compensation API (docs/protection.md, Compensation). Every POST honours Idempotency-Key (required where money moves). */
@RestController
class CompensationApiController {

    private final Compensations compensations;
    private final Idempotency idempotency;

    CompensationApiController(Compensations compensations, Idempotency idempotency) {
        this.compensations = compensations;
        this.idempotency = idempotency;
    }

    record ChoiceRequest(@NotBlank @Pattern(regexp = "CASH|TAKEOVER") String choice) { }

    record SuccessorRequest(@jakarta.validation.constraints.NotNull UUID merchantId,
                            @jakarta.validation.constraints.NotNull UUID productId) { }

    record ManualPayoutRequest(@NotBlank @Size(max = 200) String reference) { }

    @GetMapping("/api/v1/compensations/mine")
    List<CompensationLineView> mine(Actor actor) {
        return compensations.mine(actor);
    }

    @PostMapping("/api/v1/compensations/{lineId}/choice")
    ResponseEntity<Object> choose(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID lineId, @Valid @RequestBody ChoiceRequest request) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(lineId, request),
                () -> Idempotency.Answer.of(200, compensations.choose(actor, lineId, request.choice()))).toResponse();
    }

    @GetMapping("/api/v1/closures/{caseId}/compensation")
    CompensationBatchView batch(Actor actor, @PathVariable UUID caseId) {
        return compensations.batch(actor, caseId);
    }

    @PostMapping("/api/v1/closures/{caseId}/compensation")
    ResponseEntity<Object> start(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @PathVariable UUID caseId) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(caseId, null),
                () -> Idempotency.Answer.of(201, compensations.start(actor, caseId))).toResponse();
    }

    @PostMapping("/api/v1/closures/{caseId}/compensation/successor")
    ResponseEntity<Object> successor(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                     @PathVariable UUID caseId, @Valid @RequestBody SuccessorRequest request) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(caseId, request),
                () -> Idempotency.Answer.of(200, compensations.registerSuccessor(actor, caseId, request.merchantId(),
                        request.productId()))).toResponse();
    }

    @GetMapping("/api/v1/closures/{caseId}/compensation/lines")
    List<CompensationLineView> lines(Actor actor, @PathVariable UUID caseId, @RequestParam(required = false) String status,
                                     @RequestParam(defaultValue = "100") int limit) {
        return compensations.lines(actor, caseId, status, limit);
    }

    @PostMapping("/api/v1/closures/{caseId}/compensation/lines/{lineId}/manual-payout")
    ResponseEntity<Object> manualPayout(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                        @PathVariable UUID caseId, @PathVariable UUID lineId,
                                        @Valid @RequestBody ManualPayoutRequest request) {
        return idempotency.execute(actor.scope(), key, true, new Keyed(lineId, request),
                () -> Idempotency.Answer.of(200, compensations.recordManualPayout(actor, caseId, lineId,
                        request.reference()))).toResponse();
    }

    @GetMapping("/api/v1/public/closures/{caseId}/compensation")
    CompensationProgressView progress(@PathVariable UUID caseId) {
        return compensations.progress(caseId);
    }

    /** The request fingerprint includes the path's id, so one key reused on another line is refused. */
    record Keyed(UUID id, Object body) { }
}
