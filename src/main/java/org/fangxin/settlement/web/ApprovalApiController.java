package org.fangxin.settlement.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.settlement.PayoutApprovalView;
import org.fangxin.settlement.PayoutApprovals;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dual control of large payouts: list, approve, reject (the decisions move money: Idempotency-Key required). */
@RestController
class ApprovalApiController {

    private final PayoutApprovals approvals;
    private final Idempotency idempotency;

    ApprovalApiController(PayoutApprovals approvals, Idempotency idempotency) {
        this.approvals = approvals;
        this.idempotency = idempotency;
    }

    record DecisionRequest(@Size(max = PayoutApprovals.REASON_LENGTH_MAX) String reason) { }

    /** {@code state=AWAITING} (default): awaiting approval, oldest first; {@code DECIDED}: decided, newest first. */
    @GetMapping("/api/v1/settlement/approvals")
    List<PayoutApprovalView> list(Actor actor, @RequestParam(defaultValue = "AWAITING") String state,
                                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return "DECIDED".equalsIgnoreCase(state) ? approvals.decided(actor, page, size) : approvals.awaiting(actor, page, size);
    }

    @GetMapping("/api/v1/settlement/approvals/{payoutId}")
    PayoutApprovalView one(Actor actor, @PathVariable UUID payoutId) {
        return approvals.payout(actor, payoutId);
    }

    @PostMapping("/api/v1/settlement/approvals/{payoutId}/approve")
    ResponseEntity<Object> approve(Actor actor, @PathVariable UUID payoutId,
                                   @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @Valid @RequestBody(required = false) DecisionRequest request) {
        DecisionRequest body = request == null ? new DecisionRequest(null) : request;
        var answer = idempotency.execute(actor.scope(), key, true, new Keyed(payoutId, "approve", body.reason()),
                () -> Idempotency.Answer.of(200, approvals.approve(actor, payoutId, body.reason())));
        return answer.toResponse();
    }

    @PostMapping("/api/v1/settlement/approvals/{payoutId}/reject")
    ResponseEntity<Object> reject(Actor actor, @PathVariable UUID payoutId,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody DecisionRequest request) {
        var answer = idempotency.execute(actor.scope(), key, true, new Keyed(payoutId, "reject", request.reason()),
                () -> Idempotency.Answer.of(200, approvals.reject(actor, payoutId, request.reason())));
        return answer.toResponse();
    }

    /** What the idempotency key is bound to: the same key for another payout or decision is refused. */
    record Keyed(UUID payoutId, String decision, String reason) { }
}
