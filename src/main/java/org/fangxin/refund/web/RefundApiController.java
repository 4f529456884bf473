package org.fangxin.refund.web;

import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.refund.ContestRefund;
import org.fangxin.refund.DecideRefund;
import org.fangxin.refund.NewRefund;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.refund.RefundStatus;
import org.fangxin.refund.RefundView;
import org.fangxin.refund.Refunds;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Refunds over HTTP; the facade checks who may do what. Money-moving POSTs require an Idempotency-Key. */
@RestController
class RefundApiController {

    private final Refunds refunds;
    private final Idempotency idempotency;

    RefundApiController(Refunds refunds, Idempotency idempotency) {
        this.refunds = refunds;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/refunds")
    ResponseEntity<Object> request(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @Valid @RequestBody NewRefund request) {
        return answer(idempotency.execute(actor.scope(), key, true, request,
                () -> Idempotency.Answer.of(201, refunds.request(actor, request))));
    }

    @GetMapping("/api/v1/refunds")
    List<RefundView> list(Actor actor, @RequestParam(required = false) List<RefundStatus> status,
                          @RequestParam(defaultValue = "50") int limit) {
        Set<RefundStatus> statuses = status == null || status.isEmpty() ? Set.of() : EnumSet.copyOf(status);
        return refunds.list(actor, statuses, limit);
    }

    @GetMapping("/api/v1/refunds/{id}")
    RefundView view(Actor actor, @PathVariable UUID id) {
        return refunds.view(actor, id);
    }

    @GetMapping("/api/v1/cards/{cardId}/refund-quote")
    RefundQuote quote(Actor actor, @PathVariable UUID cardId,
                      @RequestParam(defaultValue = "CONSUMER_CHOICE") RefundReason reason) {
        return refunds.quote(actor, cardId, reason);
    }

    @PostMapping("/api/v1/refunds/{id}/contest")
    ResponseEntity<Object> contest(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id, @Valid @RequestBody ContestRefund request) {
        return answer(idempotency.execute(actor.scope(), key, false, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, refunds.contest(actor, id, request))));
    }

    @PostMapping("/api/v1/refunds/{id}/decision")
    ResponseEntity<Object> decide(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @Valid @RequestBody DecideRefund request) {
        return answer(idempotency.execute(actor.scope(), key, true, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, refunds.decide(actor, id, request))));
    }

    @PostMapping("/api/v1/refunds/{id}/payment-retry")
    ResponseEntity<Object> retry(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @PathVariable UUID id) {
        return answer(idempotency.execute(actor.scope(), key, true, new Keyed(id, null),
                () -> Idempotency.Answer.of(200, refunds.retryPayment(actor, id))));
    }

    /** An operator records paying the holder of a received card outside the payment provider. */
    record ManualPayout(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 200) String reference) { }

    @PostMapping("/api/v1/refunds/{id}/manual-payout")
    ResponseEntity<Object> manualPayout(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                        @PathVariable UUID id, @Valid @RequestBody ManualPayout request) {
        return answer(idempotency.execute(actor.scope(), key, true, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, refunds.recordManualPayout(actor, id, request.reference()))));
    }

    /** The request hashed for an idempotency key: the path's refund id and the body. */
    record Keyed(UUID refundId, Object body) { }

    private static ResponseEntity<Object> answer(Idempotency.Answer answer) {
        return answer.toResponse();
    }
}
