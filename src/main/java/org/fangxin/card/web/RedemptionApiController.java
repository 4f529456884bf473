package org.fangxin.card.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.card.Redeem;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.RequestRedemption;
import org.fangxin.card.lifecycle.RedemptionBatcher;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RedemptionApiController {

    private final RedemptionDesk redemptions;
    private final Idempotency idempotency;
    private final RedemptionBatcher batcher;

    RedemptionApiController(RedemptionDesk redemptions, Idempotency idempotency, RedemptionBatcher batcher) {
        this.redemptions = redemptions;
        this.idempotency = idempotency;
        this.batcher = batcher;
    }

    /** A reason for a dispute or a decision. */
    record Reason(@Size(max = 500) String reason) { }

    @PostMapping("/api/v1/cards/{id}/redemption-codes")
    ResponseEntity<Object> code(Actor actor, @PathVariable UUID id) {
        return ResponseEntity.status(201).body(redemptions.issueCode(actor, id));
    }

    @GetMapping("/api/v1/cards/{id}/redemptions")
    List<RedemptionView> ofCard(Actor actor, @PathVariable UUID id) {
        return redemptions.ofCard(actor, id);
    }

    @PostMapping("/api/v1/redemptions")
    ResponseEntity<Object> redeem(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody Redeem command) {
        return batcher.redeem(actor, key, command).toResponse();
    }

    @GetMapping("/api/v1/redemptions")
    List<RedemptionView> ofDay(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return redemptions.ofDay(actor, date);
    }

    @GetMapping("/api/v1/redemptions/disputed")
    List<RedemptionView> disputes(Actor actor) {
        return redemptions.disputes(actor);
    }

    @PostMapping("/api/v1/redemptions/{id}/dispute")
    ResponseEntity<Object> dispute(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id, @Valid @RequestBody(required = false) Reason reason) {
        String text = reason == null ? null : reason.reason();
        return once(actor, key, new Keyed(id, text), 200, () -> redemptions.dispute(actor, id, text));
    }

    @PostMapping("/api/v1/redemptions/{id}/dispute/uphold")
    ResponseEntity<Object> uphold(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @Valid @RequestBody(required = false) Reason reason) {
        String text = reason == null ? null : reason.reason();
        return once(actor, key, new Keyed(id, text), 200, () -> redemptions.decide(actor, id, true, text));
    }

    @PostMapping("/api/v1/redemptions/{id}/dispute/reject")
    ResponseEntity<Object> reject(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @Valid @RequestBody(required = false) Reason reason) {
        String text = reason == null ? null : reason.reason();
        return once(actor, key, new Keyed(id, text), 200, () -> redemptions.decide(actor, id, false, text));
    }

    @PostMapping("/api/v1/redemption-requests")
    ResponseEntity<Object> request(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @Valid @RequestBody RequestRedemption command) {
        return once(actor, key, command, 201, () -> redemptions.request(actor, command));
    }

    @GetMapping("/api/v1/redemption-requests")
    List<RedemptionRequestView> pending(Actor actor) {
        return redemptions.pendingRequests(actor);
    }

    @PostMapping("/api/v1/redemption-requests/{id}/confirm")
    ResponseEntity<Object> confirm(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id) {
        return once(actor, key, new Keyed(id, "confirm"), 200, () -> redemptions.answer(actor, id, true));
    }

    @PostMapping("/api/v1/redemption-requests/{id}/decline")
    ResponseEntity<Object> decline(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id) {
        return once(actor, key, new Keyed(id, "decline"), 200, () -> redemptions.answer(actor, id, false));
    }

    /** What a keyed decision on one object is hashed as, so a key reused for another object is refused. */
    record Keyed(UUID id, String detail) { }

    /** Runs a state change once per Idempotency-Key when the client sends one; a retry replays the first answer. */
    private ResponseEntity<Object> once(Actor actor, String key, Object request, int status, Supplier<Object> command) {
        var answer = idempotency.execute(actor.scope(), key, false, request, () -> Idempotency.Answer.of(status, command.get()));
        return answer.toResponse();
    }
}
