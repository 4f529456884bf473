package org.fangxin.insurance.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.ClaimLineDecision;
import org.fangxin.insurance.ClaimStatus;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.ClaimFigures;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.LineDecision;
import org.fangxin.insurance.LossRatioView;
import org.fangxin.insurance.NewClaim;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Closure-insurance claims (/api/v1/insurance/claims): the insurer's queue, line decisions, whole-claim rejection and
 * payment; operators see all (and may file a claim by hand), regulators read. Every POST needs an Idempotency-Key.
 */
@RestController
class ClaimApiController {

    private final Claims claims;
    private final ClaimFigures figures;
    private final Idempotency idempotency;

    ClaimApiController(Claims claims, ClaimFigures figures, Idempotency idempotency) {
        this.claims = claims;
        this.figures = figures;
        this.idempotency = idempotency;
    }

    record LineDecisionBody(@NotNull LineDecision decision, Money amount, @Size(max = 500) String reason) { }

    record DecisionBody(@Size(max = Claims.LINES_MAX) List<@Valid ClaimLineDecision> lines) { }

    record RejectionBody(@NotBlank @Size(max = 500) String reason) { }

    record PaymentBody(@Size(max = 100) String reference) { }

    @GetMapping("/api/v1/insurance/claims")
    List<ClaimView> list(Actor actor, @RequestParam(required = false) ClaimStatus status,
                         @RequestParam(defaultValue = "100") int size) {
        return claims.list(actor, status, size);
    }

    @GetMapping("/api/v1/insurance/claims/{id}")
    ClaimView view(Actor actor, @PathVariable UUID id) {
        return claims.view(actor, id);
    }

    /** OPERATOR: files the claim of a closure case by hand (the platform's listener normally does); filing again returns it. */
    @PostMapping("/api/v1/insurance/claims")
    ResponseEntity<Object> file(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                @RequestBody NewClaim request) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "claims are filed by the platform");
        }
        return execute(actor, key, request, () -> claims.file(request), 201);
    }

    @PostMapping("/api/v1/insurance/claims/{id}/review")
    ResponseEntity<Object> review(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id) {
        return execute(actor, key, Map.of("claimId", id.toString(), "action", "review"), () -> claims.review(actor, id), 200);
    }

    @PostMapping("/api/v1/insurance/claims/{id}/lines/{cardId}/decision")
    ResponseEntity<Object> decideLine(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                      @PathVariable UUID id, @PathVariable UUID cardId,
                                      @Valid @RequestBody LineDecisionBody body) {
        return execute(actor, key, Map.of("claimId", id.toString(), "cardId", cardId.toString(), "body", body),
                () -> claims.decideLine(actor, id, new ClaimLineDecision(cardId, body.decision(), body.amount(), body.reason())),
                200);
    }

    /** Decides the claim: records the line decisions given, then requires every line to be decided. */
    @PostMapping("/api/v1/insurance/claims/{id}/decision")
    ResponseEntity<Object> decide(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @Valid @RequestBody DecisionBody body) {
        return execute(actor, key, Map.of("claimId", id.toString(), "body", body),
                () -> claims.decide(actor, id, body.lines()), 200);
    }

    @PostMapping("/api/v1/insurance/claims/{id}/rejection")
    ResponseEntity<Object> reject(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @Valid @RequestBody RejectionBody body) {
        return execute(actor, key, Map.of("claimId", id.toString(), "body", body),
                () -> claims.reject(actor, id, body.reason()), 200);
    }

    /** The insurer records its payment, or an operator its receipt: the guarantee fund is reimbursed. */
    @PostMapping("/api/v1/insurance/claims/{id}/payment")
    ResponseEntity<Object> pay(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                               @PathVariable UUID id, @Valid @RequestBody(required = false) PaymentBody body) {
        String reference = body == null ? null : body.reference();
        return execute(actor, key, Map.of("claimId", id.toString(), "reference", reference == null ? "" : reference),
                () -> claims.recordPayment(actor, id, reference), 200);
    }

    @GetMapping("/api/v1/insurance/loss-ratios")
    List<LossRatioView> lossRatios(Actor actor) {
        return List.copyOf(figures.lossRatios(actor).values());
    }

    private ResponseEntity<Object> execute(Actor actor, String key, Object request, java.util.function.Supplier<Object> command,
                                           int status) {
        return idempotency.execute(actor.scope(), key, true, request, () -> Idempotency.Answer.of(status, command.get()))
                .toResponse();
    }
}
