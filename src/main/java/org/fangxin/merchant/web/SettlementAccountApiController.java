package org.fangxin.merchant.web;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.SettlementAccountChangeView;
import org.fangxin.merchant.SettlementAccountChanges;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Changes of settlement account: the owner proposes, an operator approves or rejects (dual control). */
@RestController
class SettlementAccountApiController {

    private final SettlementAccountChanges changes;
    private final Idempotency idempotency;

    SettlementAccountApiController(SettlementAccountChanges changes, Idempotency idempotency) {
        this.changes = changes;
        this.idempotency = idempotency;
    }

    record Rejected(String reason) { }

    record Keyed(String action, UUID id, Object body) { }

    @PostMapping("/api/v1/merchants/{id}/settlement-account-changes")
    ResponseEntity<Object> request(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @RequestBody SettlementAccount account) {
        return idempotency.execute(actor.scope(), key, false, new Keyed("request", id, account),
                () -> Idempotency.Answer.of(201, changes.request(actor, id, account))).toResponse();
    }

    @GetMapping("/api/v1/merchants/{id}/settlement-account-changes")
    List<SettlementAccountChangeView> ofMerchant(Actor actor, @PathVariable UUID id) {
        return changes.ofMerchant(actor, id);
    }

    @GetMapping("/api/v1/settlement-account-changes")
    List<SettlementAccountChangeView> pending(Actor actor) {
        return changes.pending(actor);
    }

    @PostMapping("/api/v1/settlement-account-changes/{id}/approve")
    ResponseEntity<Object> approve(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return idempotency.execute(actor.scope(), key, false, new Keyed("approve", id, null),
                () -> Idempotency.Answer.of(200, changes.approve(actor, id))).toResponse();
    }

    @PostMapping("/api/v1/settlement-account-changes/{id}/reject")
    ResponseEntity<Object> reject(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @RequestBody Rejected body) {
        return idempotency.execute(actor.scope(), key, false, new Keyed("reject", id, body),
                () -> Idempotency.Answer.of(200, changes.reject(actor, id, body == null ? null : body.reason()))).toResponse();
    }
}
