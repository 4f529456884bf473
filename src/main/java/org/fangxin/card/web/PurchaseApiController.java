package org.fangxin.card.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.fangxin.card.BuyCard;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PurchaseApiController {

    private final PurchaseDesk purchases;
    private final Idempotency idempotency;

    PurchaseApiController(PurchaseDesk purchases, Idempotency idempotency) {
        this.purchases = purchases;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/purchases")
    ResponseEntity<Object> purchase(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @Valid @RequestBody BuyCard command) {
        // The purchase and its key commit before the provider is called; a replay finishes a placement that failed.
        var opened = new AtomicReference<PurchaseDesk.Ordered>();
        var answer = idempotency.executeSendingTogether(actor.scope(), key, true, command, () -> {
            PurchaseDesk.Ordered ordered = purchases.open(actor, command);
            opened.set(ordered);
            return Idempotency.Answer.of(201, ordered.purchase()).about(ordered.purchase().id());
        }, committed -> new Idempotency.Answer(committed.status(), checkout(actor, committed, opened.get()),
                committed.replayed(), committed.resourceId()));
        return answer.toResponse();
    }

    /**
     * The purchase just committed (its payment order placed as this request opened it, not read again), or (a replay)
     * the purchase the key stored, as it stands now, placed at the provider. A key stored before keys named their
     * purchase (V1_84_1) is answered as it was stored.
     */
    private Object checkout(Actor actor, Idempotency.Answer committed, PurchaseDesk.Ordered opened) {
        if (!committed.replayed() && opened != null && committed.body() == opened.purchase()) {
            return purchases.checkout(opened);
        }
        if (committed.body() instanceof PurchaseView purchase) {
            return purchases.checkout(purchase);
        }
        return committed.resourceId() == null ? committed.body()
                : purchases.checkout(purchases.view(actor, committed.resourceId()));
    }

    @GetMapping("/api/v1/purchases/{id}")
    PurchaseView view(Actor actor, @PathVariable UUID id) {
        return purchases.view(actor, id);
    }

    @GetMapping("/api/v1/purchases")
    List<PurchaseView> list(Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return purchases.list(actor, limit);
    }
}
